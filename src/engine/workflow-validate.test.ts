import assert from 'node:assert/strict';
import { it } from 'node:test';
import { validateWorkflowDef } from './workflow-validate.js';

const simple = (ref: string, inputParameters: Record<string, unknown> = {}) => ({ name: 'work', taskReferenceName: ref, type: 'SIMPLE', inputParameters });

const messages = (def: unknown, options = {}) => validateWorkflowDef(def, options).map((p) => `${p.path}: ${p.message}`);

it('accepts a well-formed definition', () => {
  assert.deepEqual(messages({ name: 'ok', tasks: [simple('a'), simple('b', { x: '${a.output.y}', w: '${workflow.input.z}' })] }), []);
});

it('reports schema errors with their path', () => {
  assert.deepEqual(messages({ name: 'bad', tasks: [{ name: 'x' }] }), ['tasks[0].taskReferenceName: Invalid input: expected string, received undefined']);
});

it('reports unknown task types and duplicate reference names', () => {
  assert.deepEqual(messages({ name: 'bad', tasks: [{ ...simple('a'), type: 'HTTPX' }, simple('a')] }), [
    "tasks[0].type: unknown task type 'HTTPX'",
    "tasks[1].taskReferenceName: duplicate reference name 'a' (first at tasks[0])",
  ]);
});

it('reports references that do not exist, come later or run in a parallel branch', () => {
  const def = {
    name: 'refs',
    tasks: [
      simple('first', { a: '${mixdwn.output.x}', b: 'text ${later.output.x}' }),
      { name: 'f', taskReferenceName: 'fork', type: 'FORK_JOIN', forkTasks: [[simple('left')], [simple('right', { l: '${left.output}' })]] },
      { name: 'j', taskReferenceName: 'join', type: 'JOIN', joinOn: ['left', 'right'] },
      simple('later', { ok: '${left.output.x}', joined: '${join.output}' }),
    ],
    outputParameters: { r: '${later.output}', bad: '${nothing.output}' },
  };
  assert.deepEqual(messages(def), [
    "tasks[0].inputParameters.a: unknown reference 'mixdwn'",
    "tasks[0].inputParameters.b: reference 'later' is not complete before this task (it comes later or runs in a parallel branch)",
    "tasks[1].forkTasks[1][0].inputParameters.l: reference 'left' is not complete before this task (it comes later or runs in a parallel branch)",
    "outputParameters.bad: unknown reference 'nothing'",
  ]);
});

it('requires a JOIN directly after a fork, joining tasks of that fork', () => {
  const def = {
    name: 'forks',
    tasks: [
      { name: 'd', taskReferenceName: 'dyn', type: 'FORK_JOIN_DYNAMIC', inputParameters: { forkTaskName: 'work', forkTaskInputs: [] } },
      simple('oops'),
      { name: 'f', taskReferenceName: 'fork', type: 'FORK_JOIN', forkTasks: [[simple('a')]] },
      { name: 'j', taskReferenceName: 'join', type: 'JOIN', joinOn: ['a', 'oops'] },
    ],
  };
  assert.deepEqual(messages(def), [
    "tasks[0]: FORK_JOIN_DYNAMIC 'dyn' must be followed directly by a JOIN",
    "tasks[3].joinOn[1]: 'oops' is not a task of the fork before this JOIN",
  ]);
});

it('allows references to dynamic fork tasks by their generated names after the JOIN', () => {
  const def = {
    name: 'dyn',
    tasks: [
      { name: 'd', taskReferenceName: 'dyn', type: 'FORK_JOIN_DYNAMIC', inputParameters: { forkTaskName: 'work', forkTaskInputs: [] } },
      { name: 'j', taskReferenceName: 'join', type: 'JOIN' },
      simple('after', { first: '${_work_0.output}', prefixed: '${_dyn_work_1.output}' }),
    ],
  };
  assert.deepEqual(messages(def), []);
});

it('reports SIMPLE tasks with no registered worker when workers are given', () => {
  const def = { name: 'w', tasks: [simple('a'), { name: 'other', taskReferenceName: 'b', type: 'SIMPLE', inputParameters: {} }] };
  assert.deepEqual(messages(def, { workers: [{ taskType: 'work' }] }), ["tasks[1].name: no worker registered for task type 'other'"]);
  assert.deepEqual(messages(def), []);
});
