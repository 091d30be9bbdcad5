import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pipelineDefinitions } from '../app/pipeline-definitions.js';
import { taskCatalog } from '../tasks/catalog.js';
import { checkMappings } from './mapping-check.js';
import type { WorkflowJson } from './workflow-tasks.js';

function load() {
  const { taskDefs, workflows } = pipelineDefinitions();
  return {
    taskDefNames: (taskDefs as { name: string }[]).map((d) => d.name),
    workflows: structuredClone(workflows) as WorkflowJson[],
  };
}

test('the shipped pipeline definitions fit the task schemas', () => {
  const { taskDefNames, workflows } = load();
  assert.deepEqual(checkMappings({ workflows, taskDefNames, tasks: taskCatalog }), []);
});

test('a misspelt output field, a wrong type, a missing input and a missing worker are each reported with a path', () => {
  const { taskDefNames, workflows } = load();
  const main = workflows.find((w) => w.name === 'multitrack_pipeline')!;
  const participants = main.tasks[1]!;
  participants.inputParameters!['tracks'] = '${get_recording.output.trakcs}';
  participants.inputParameters!['participants'] = '${get_recording.output.trackCount}';
  const finalize = main.tasks.find((t) => t.taskReferenceName === 'finalize')!;
  delete finalize.inputParameters!['title'];
  main.tasks.push({ name: 'send_fax', taskReferenceName: 'send_fax', type: 'SIMPLE', inputParameters: {} });

  const problems = checkMappings({ workflows, taskDefNames, tasks: taskCatalog }).map((p) => `${p.path}: ${p.message}`);
  assert.ok(problems.includes("multitrack_pipeline: tasks[1].inputParameters.tracks: ${get_recording.output.trakcs} does not exist in its producer's output"), problems.join('\n'));
  assert.ok(problems.some((p) => p.startsWith('multitrack_pipeline: tasks[1].inputParameters.participants: ${get_recording.output.trackCount}: participants is integer, consumer accepts array')), problems.join('\n'));
  assert.ok(problems.some((p) => /finalize|tasks\[\d+\]\.inputParameters: required input 'title' is not mapped/.test(p)), problems.join('\n'));
  assert.ok(problems.some((p) => p.endsWith("no worker implements task type 'send_fax'")));
  assert.ok(problems.some((p) => p.endsWith("no task definition for 'send_fax'")));
});

test('sub-workflow mappings and output parameters are checked too', () => {
  const { taskDefNames, workflows } = load();
  const track = workflows.find((w) => w.name === 'track_pipeline')!;
  track.outputParameters!['wordsKey'] = '${transcribe_track.output.wordKey}';
  track.tasks[1]!.inputParameters!['alignedKey'] = '${align_track.output.aligned}';
  const problems = checkMappings({ workflows, taskDefNames, tasks: taskCatalog }).map((p) => `${p.path}: ${p.message}`);
  assert.deepEqual(problems, [
    "track_pipeline: tasks[1].inputParameters.alignedKey: ${align_track.output.aligned} does not exist in its producer's output",
    "track_pipeline: outputParameters.wordsKey: ${transcribe_track.output.wordKey} does not exist in its producer's output",
  ]);
});
