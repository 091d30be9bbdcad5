import { pipelineDefinitions } from '../app/pipeline-definitions.js';
import { taskDefSchema, type TaskDef } from '../engine/index.js';

/** The pipeline's TaskDefs (workflows/task_defs.json), with Conductor's defaults filled in. */
export function pipelineTaskDefs(): TaskDef[] {
  return pipelineDefinitions().taskDefs.map((d) => taskDefSchema.parse(d));
}
