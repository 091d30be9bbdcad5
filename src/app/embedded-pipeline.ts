import { join } from 'node:path';
import type { AppConfig } from '../config/app-config.js';
import { openEngine, type Engine } from '../engine/index.js';
import type { Logger } from '../runtime/logger.js';
import { openAppResources } from './app-resources.js';
import { PIPELINE_WORKFLOW, pipelineDefinitions } from './pipeline-definitions.js';
import type { PipelineRunner } from './pipeline-runner.js';
import { pipelineWorkers } from './pipeline-workers.js';

/** The engine database under POLYPHONY_HOME. */
export const engineDbPath = (config: AppConfig) => join(config.home, 'engine.db');

/** The embedded engine with the pipeline registered and its workers attached; the caller closes it. */
export async function openEmbeddedPipeline(config: AppConfig, log: Logger): Promise<PipelineRunner & { engine: 'embedded'; workflowEngine: Engine }> {
  const resources = await openAppResources(config, log);
  try {
    const engine = openEngine({ dbPath: engineDbPath(config), workers: pipelineWorkers(resources), log });
    const { taskDefs, workflows } = pipelineDefinitions();
    engine.registerTaskDefs(taskDefs);
    for (const workflow of workflows) engine.registerWorkflow(workflow);
    return {
      engine: 'embedded',
      workflowEngine: engine,
      resources,
      start: (input) => engine.startWorkflow(PIPELINE_WORKFLOW, input),
      async follow(id, { signal, onChange }) {
        const wf = await engine.runUntilDone(id, { signal, ...(onChange ? { onChange } : {}) });
        // The failure workflow marks the transcript as an error: finish it before the process exits.
        const failureId = wf.output['conductor.failure_workflow'];
        if (wf.status !== 'COMPLETED' && typeof failureId === 'string' && engine.getWorkflow(failureId, false)) {
          await engine.runUntilDone(failureId, { signal });
        }
        return wf;
      },
      close: async () => {
        engine.close();
        await resources.close();
      },
    };
  } catch (error) {
    await resources.close();
    throw error;
  }
}
