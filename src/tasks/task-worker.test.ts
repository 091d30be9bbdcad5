import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { z } from 'zod';
import { silentLogger } from '../runtime/logger.js';
import type { TaskExecution } from '../runtime/worker.js';
import { defineTask } from './task-definition.js';
import { taskWorker, type TaskResources } from './task-worker.js';

const execution: TaskExecution = {
  workflowId: 'wf',
  taskId: 't',
  referenceTaskName: 'ref',
  retryCount: 0,
  workerId: 'host:1:v',
  signal: new AbortController().signal,
};
// This task touches no resource, so none is built.
const resources = { log: silentLogger } as TaskResources;

let scratch = '';
const area = defineTask({
  name: 'area',
  description: 'width × height',
  input: z.object({ box: z.object({ width: z.number(), height: z.number() }) }),
  output: z.object({ area: z.number().positive() }),
  async run({ box }, ctx) {
    scratch = ctx.scratchDir;
    await writeFile(join(ctx.scratchDir, 'tmp'), 'x');
    return { area: box.width * box.height };
  },
});

test('input is parsed and rebuilt by the schema; the scratch folder is gone afterwards', async () => {
  const worker = taskWorker(area, resources);
  assert.deepEqual(await worker.execute({ box: { width: 2, height: 3 }, extra: true }, execution), { area: 6 });
  assert.equal(existsSync(scratch), false);
});

test('an input that does not fit is a terminal failure naming the field', async () => {
  const worker = taskWorker(area, resources);
  await assert.rejects(worker.execute({ box: { width: '2', height: 3 } }, execution), (error: Error & { terminal?: boolean }) => {
    assert.match(error.message, /^area input: box\.width: /);
    assert.equal(error.terminal, true);
    return true;
  });
});

test('an output that does not fit its schema fails the task instead of passing it on', async () => {
  const worker = taskWorker(area, resources);
  await assert.rejects(worker.execute({ box: { width: 0, height: 3 } }, execution), /area produced invalid output: area: /);
  assert.equal(existsSync(scratch), false);
});
