import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { workerCommand } from '../../src/cli/commands/worker.js';
import { CliError } from '../../src/cli/cli-error.js';
import { readDefinitionsFile } from '../../src/conductor/index.js';

// No server needed: what `polyphony worker` rejects before it ever connects.

test('polyphony worker rejects bad options with one sentence, before connecting', async () => {
  const toy = 'test/conductor/fixtures/toy-workers.ts';
  const cases: [string[], RegExp][] = [
    [[], /no workers to host: pass --workers <module>/],
    [['--workers', toy, '--concurrency', '0'], /--concurrency must be a positive number, got '0'/],
    [['--workers', toy, '--concurrency', '1.5'], /--concurrency must be a whole number/],
    [['--workers', toy, '--tasks', 'toy_echo,nope'], /--tasks: no worker for nope \(have toy_slow, toy_echo\)/],
    [['--workers', 'test/conductor/fixtures/missing.ts'], /cannot load --workers test\/conductor\/fixtures\/missing\.ts/],
    [['--workers', toy, '--defs', '/nonexistent/defs.json'], /--defs \/nonexistent\/defs\.json: ENOENT/],
    [['--bogus'], /Unknown option '--bogus'/],
  ];
  for (const [argv, message] of cases) {
    await assert.rejects(workerCommand(argv), (error: unknown) => {
      assert.ok(error instanceof CliError, `${argv.join(' ')}: ${String(error)}`);
      assert.match(error.message, message);
      return true;
    });
  }
});

test('a definitions file may hold task defs, workflow defs, or both', () => {
  const dir = mkdtempSync(join(tmpdir(), 'polyphony-defs-'));
  try {
    const wf = { name: 'w', version: 1, tasks: [{ name: 'a', taskReferenceName: 'a', type: 'SIMPLE' }] };
    const write = (name: string, json: unknown): string => {
      writeFileSync(join(dir, name), JSON.stringify(json));
      return join(dir, name);
    };
    assert.deepEqual(readDefinitionsFile(write('mixed.json', [{ name: 'a' }, wf])), { taskDefs: [{ name: 'a' }], workflowDefs: [wf] });
    assert.deepEqual(readDefinitionsFile(write('one.json', wf)), { taskDefs: [], workflowDefs: [wf] });
    assert.deepEqual(readDefinitionsFile(write('both.json', { taskDefs: [{ name: 'b' }], workflowDefs: [wf] })), {
      taskDefs: [{ name: 'b' }],
      workflowDefs: [wf],
    });
    const shipped = readDefinitionsFile('workflows/task_defs.json');
    assert.ok(shipped.taskDefs.length > 0 && shipped.workflowDefs.length === 0);
    writeFileSync(join(dir, 'bad.json'), '{');
    assert.throws(() => readDefinitionsFile(join(dir, 'bad.json')), /bad\.json: /);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
