import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PIPELINE_WORKFLOW = 'multitrack_pipeline';

/** The workflows/ folder shipped with the package (beside src/ and dist/). */
export function workflowsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    dir = dirname(dir);
    try {
      readFileSync(join(dir, 'workflows', 'task_defs.json'));
      return join(dir, 'workflows');
    } catch {
      // keep climbing: src/app -> repo root, dist/src/app -> repo root
    }
  }
  throw new Error('workflows/ folder not found beside the package');
}

const readJson = (file: string): unknown => JSON.parse(readFileSync(join(workflowsDir(), file), 'utf8'));

/** The pipeline's definitions as JSON, parsed by whichever runtime registers them. */
export function pipelineDefinitions(): { taskDefs: unknown[]; workflows: unknown[] } {
  return {
    taskDefs: readJson('task_defs.json') as unknown[],
    // Sub-workflow and failure workflow first: the main one names them.
    workflows: ['track_pipeline.json', 'multitrack_pipeline_failed.json', 'multitrack_pipeline.json'].map(readJson),
  };
}
