import { pipelineDefinitions } from '../../app/pipeline-definitions.js';
import { validateWorkflowDef } from '../../engine/index.js';
import { taskCatalog, taskWorker, type TaskResources } from '../../tasks/index.js';
import { checkMappings } from '../../workflow/mapping-check.js';
import { parseCommandArgs } from '../command-args.js';
import type { WorkflowJson } from '../../workflow/workflow-tasks.js';

/**
 * `polyphony workflow check`: validates the shipped definitions as the engine
 * would (structure, references) and proves every mapping fits the task
 * schemas, without running anything.
 */
export async function workflowCheckCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, 'usage: polyphony workflow check [--json]', { json: { type: 'boolean', default: false } });
  const { taskDefs, workflows } = pipelineDefinitions();
  // Only the task types matter to the validator; no resource is opened.
  const workers = taskCatalog.map((t) => taskWorker(t, {} as TaskResources));
  const problems = [
    ...workflows.flatMap((def) =>
      validateWorkflowDef(def, { workers }).map((p) => ({ path: `${(def as WorkflowJson).name}: ${p.path}`, message: p.message })),
    ),
    ...checkMappings({
      workflows: workflows as WorkflowJson[],
      taskDefNames: (taskDefs as { name: string }[]).map((d) => d.name),
      tasks: taskCatalog,
    }),
  ];
  if (values.json) process.stdout.write(`${JSON.stringify({ ok: problems.length === 0, problems }, null, 2)}\n`);
  else if (problems.length === 0) process.stdout.write(`ok: ${workflows.length} workflows, ${taskDefs.length} task definitions, every mapping fits\n`);
  else for (const p of problems) process.stdout.write(`${p.path}: ${p.message}\n`);
  return problems.length === 0 ? 0 : 1;
}
