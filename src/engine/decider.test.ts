import assert from 'node:assert/strict';
import { it } from 'node:test';
import { decide } from './decider.js';
import { taskDefSchema, workflowDefSchema, type TaskDef } from './workflow-def-schema.js';
import type { Task, Workflow } from './workflow-schema.js';

const def = workflowDefSchema.parse({
  name: 'wf',
  tasks: [
    { name: 'a', taskReferenceName: 'a', inputParameters: { x: '${workflow.input.x}' } },
    { name: 'b', taskReferenceName: 'b', inputParameters: { y: '${a.output.y}' } },
  ],
});

function workflow(tasks: Task[] = []): Workflow {
  return {
    workflowId: 'wf-1',
    workflowName: 'wf',
    workflowVersion: 1,
    status: 'RUNNING',
    input: { x: 1 },
    output: {},
    variables: {},
    tasks,
    failedReferenceTaskNames: [],
    createTime: 0,
    startTime: 0,
    endTime: 0,
    updateTime: 0,
    priority: 0,
    workflowDefinition: def,
  };
}

function ids() {
  let n = 0;
  return () => `t${++n}`;
}

const taskDefs = new Map<string, TaskDef>([['a', taskDefSchema.parse({ name: 'a', retryCount: 1, retryDelaySeconds: 5, responseTimeoutSeconds: 10 })]]);

it('schedules the first task of a new workflow and asks to dispatch it', () => {
  const d = decide({ workflow: workflow(), taskDefs, now: 1000, newId: ids() });
  assert.equal(d.tasks.length, 1);
  assert.deepEqual([d.tasks[0]?.referenceTaskName, d.tasks[0]?.status, d.tasks[0]?.inputData], ['a', 'SCHEDULED', { x: 1 }]);
  assert.deepEqual(d.actions, [{ kind: 'dispatch', taskId: 't1' }]);
});

it('is a pure function: the same state and time give the same decision', () => {
  const first = decide({ workflow: workflow(), taskDefs, now: 1000, newId: ids() });
  const second = decide({ workflow: workflow(), taskDefs, now: 1000, newId: ids() });
  assert.deepEqual(first, second);
});

it('continues from recorded state: a completed task leads to the next, not to a re-run', () => {
  const scheduled = decide({ workflow: workflow(), taskDefs, now: 1000, newId: ids() }).tasks[0]!;
  const done: Task = { ...scheduled, status: 'COMPLETED', outputData: { y: 'why' } };
  const d = decide({ workflow: workflow([done]), taskDefs, now: 2000, newId: () => 'next' });
  assert.deepEqual(d.tasks.map((t) => [t.taskId, t.referenceTaskName, t.inputData]), [['next', 'b', { y: 'why' }]]);
});

it('times out a task without a response and schedules a delayed retry as a new task', () => {
  const scheduled = decide({ workflow: workflow(), taskDefs, now: 1000, newId: ids() }).tasks[0]!;
  const running: Task = { ...scheduled, status: 'IN_PROGRESS', startTime: 1000, updateTime: 1000 };
  const early = decide({ workflow: workflow([running]), taskDefs, now: 5000, newId: ids() });
  assert.equal(early.tasks.length, 0);
  assert.equal(early.wakeAt, 11_000);
  const late = decide({ workflow: workflow([running]), taskDefs, now: 11_000, newId: () => 'retry' });
  assert.deepEqual(
    late.tasks.map((t) => [t.taskId, t.status, t.retried, t.retryCount, t.startDelayInSeconds]),
    [
      ['t1', 'TIMED_OUT', true, 0, 0],
      ['retry', 'SCHEDULED', false, 1, 5],
    ],
  );
  assert.deepEqual(late.actions, [{ kind: 'cancel', taskId: 't1' }]);
  assert.equal(late.wakeAt, 16_000);
});

it('does nothing for a paused workflow', () => {
  const d = decide({ workflow: { ...workflow(), status: 'PAUSED' }, taskDefs, now: 1000, newId: ids() });
  assert.deepEqual(d, { tasks: [], workflow: undefined, actions: [], wakeAt: undefined });
});

it('times the workflow out after the definition timeoutSeconds and cancels what runs', () => {
  const timed = { ...workflow(), workflowDefinition: { ...def, timeoutSeconds: 10, timeoutPolicy: 'TIME_OUT_WF' as const } };
  const scheduled = decide({ workflow: timed, taskDefs, now: 1000, newId: ids() });
  assert.equal(scheduled.wakeAt, 10_000);
  const running: Task = { ...scheduled.tasks[0]!, status: 'IN_PROGRESS', startTime: 1000, updateTime: 1000 };
  const d = decide({ workflow: { ...timed, tasks: [running] }, taskDefs, now: 10_000, newId: ids() });
  assert.equal(d.workflow?.status, 'TIMED_OUT');
  assert.deepEqual(d.tasks.map((t) => t.status), ['CANCELED']);
  assert.deepEqual(d.actions, [{ kind: 'cancel', taskId: 't1' }]);
});
