import { spawn } from 'node:child_process';

/** How a command-line tool (ffmpeg, ffprobe, flite) ended when it did not succeed. */
export class ToolError extends Error {
  override readonly name = 'ToolError';
  constructor(
    readonly command: string,
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(`${command} exited with ${exitCode ?? 'a signal'}: ${lastLines(stderr)}`);
  }
}

/** Keeps error messages short: ffmpeg's stderr can be long, its cause is at the end. */
const STDERR_LIMIT = 16_384;

/** The last few non-empty lines of a tool's stderr, for an error message. */
export function lastLines(stderr: string, count = 3): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
  return lines.slice(-count).join(' / ') || '(no output)';
}

/**
 * Runs a tool to completion, streaming its stdout to `onStdout` when given
 * (so memory does not grow with output size) or collecting it otherwise.
 * The process is killed when `signal` aborts.
 */
export function runTool(
  command: string,
  args: readonly string[],
  options: { signal: AbortSignal; onStdout?: (chunk: Buffer) => void },
): Promise<{ stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    if (options.signal.aborted) {
      reject(options.signal.reason);
      return;
    }
    const child = spawn(command, args, {
      signal: options.signal,
      killSignal: 'SIGKILL',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    let stderr = '';
    let failed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      if (failed) return;
      if (options.onStdout === undefined) {
        out.push(chunk);
        return;
      }
      try {
        options.onStdout(chunk);
      } catch (error) {
        // A consumer that throws has no use for the rest of the stream.
        failed = true;
        child.kill('SIGKILL');
        reject(error);
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_LIMIT);
    });
    child.on('error', (error) => {
      failed = true;
      reject(options.signal.aborted ? options.signal.reason : error);
    });
    child.on('close', (code) => {
      if (failed) return;
      if (code === 0) resolve({ stdout: Buffer.concat(out), stderr });
      else reject(new ToolError(command, code, stderr));
    });
  });
}
