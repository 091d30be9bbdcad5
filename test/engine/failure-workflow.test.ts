import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { openEngine } from '../../src/engine/index.js';
import { terminalFailure } from '../../src/runtime/task-failure.js';
import type { Worker } from '../../src/runtime/worker.js';

const dir = mkdtempSync(join(tmpdir(), 'polyphony-failure-wf-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a failed run starts its failure workflow with the run input, the reason and the failed run, as Conductor does', async () => {
  const seen: Record<string, unknown>[] = [];
  const workers: Worker[] = [
    { taskType: 'fragile', concurrency: 1, execute: async () => Promise.reject(terminalFailure('bob.wav: file not found')) },
    { taskType: 'record_failure', concurrency: 1, execute: async (input) => (seen.push(input), { recorded: true }) },
  ];
  const engine = openEngine({ dbPath: join(dir, 'engine.db'), workers });
  try {
    engine.registerTaskDefs([{ name: 'fragile', retryCount: 0 }, { name: 'record_failure', retryCount: 0 }]);
    engine.registerWorkflow({
      name: 'on_failure',
      tasks: [
        {
          name: 'record_failure',
          taskReferenceName: 'record',
          type: 'SIMPLE',
          inputParameters: { id: '${workflow.input.jobId}', failed: '${workflow.input.workflowId}', reason: '${workflow.input.reason}', status: '${workflow.input.failureStatus}', failedName: '${workflow.input.failedWorkflow.workflowName}' },
        },
      ],
    });
    engine.registerWorkflow({
      name: 'job',
      failureWorkflow: 'on_failure',
      tasks: [{ name: 'fragile', taskReferenceName: 'step', type: 'SIMPLE' }],
    });
    const id = await engine.startWorkflow('job', { jobId: 'j-1' });
    const failed = await engine.runUntilDone(id);
    assert.equal(failed.status, 'FAILED');
    const failureId = failed.output['conductor.failure_workflow'];
    assert.equal(typeof failureId, 'string');
    const failure = await engine.runUntilDone(String(failureId));
    assert.equal(failure.status, 'COMPLETED');
    assert.equal(seen.length, 1);
    assert.equal(seen[0]!['id'], 'j-1');
    assert.equal(seen[0]!['failed'], id);
    assert.equal(seen[0]!['status'], 'FAILED');
    assert.equal(seen[0]!['failedName'], 'job');
    assert.match(String(seen[0]!['reason']), /bob\.wav: file not found/);
  } finally {
    engine.close();
  }
});
