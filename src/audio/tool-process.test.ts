import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ToolError, runTool } from './tool-process.js';

describe('runTool', () => {
  it('kills a running ffmpeg when the signal aborts', async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(new Error('shutting down')), 300);
    // An hour of generated audio: far longer than the test waits.
    const run = runTool('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'sine=d=3600', '-f', 's16le', 'pipe:1'], {
      signal: controller.signal,
      onStdout: () => {},
    });
    await assert.rejects(run, /shutting down/);
    assert.ok(Date.now() - started < 5000, 'stopped promptly');
  });

  it('reports the exit code and the end of stderr when a tool fails', async () => {
    await assert.rejects(runTool('ffmpeg', ['-v', 'error', '-i', '/nonexistent/x.wav', '-f', 'null', '-'], { signal: AbortSignal.timeout(10_000) }), (error: unknown) => {
      assert.ok(error instanceof ToolError);
      assert.equal(error.exitCode, 1);
      assert.match(error.stderr, /No such file or directory/);
      assert.match(error.message, /^ffmpeg exited with 1: .*No such file/);
      return true;
    });
  });

  it('stops the tool when the stdout consumer throws', async () => {
    const run = runTool('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'sine=d=3600', '-f', 's16le', 'pipe:1'], {
      signal: AbortSignal.timeout(10_000),
      onStdout: () => {
        throw new Error('consumer gave up');
      },
    });
    await assert.rejects(run, /consumer gave up/);
  });
});
