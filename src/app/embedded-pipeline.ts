import { join } from 'node:path';
import type { AppConfig } from '../config/app-config.js';
import { openEngine, type Engine } from '../engine/index.js';
import type { Logger } from '../runtime/logger.js';
import { openAppResources, type AppResources } from './app-resources.js';
import { pipelineDefinitions } from './pipeline-definitions.js';
import { pipelineWorkers } from './pipeline-workers.js';

/** The embedded engine with the pipeline registered and its workers attached, plus what it runs on. */
export interface EmbeddedPipeline {
  engine: Engine;
  resources: AppResources;
  close(): Promise<void>;
}

/** The engine database under POLYPHONY_HOME. */
export const engineDbPath = (config: AppConfig) => join(config.home, 'engine.db');

/** Opens the resources, the engine and registers the pipeline definitions; the caller closes it. */
export async function openEmbeddedPipeline(config: AppConfig, log: Logger): Promise<EmbeddedPipeline> {
  const resources = await openAppResources(config, log);
  try {
    const engine = openEngine({ dbPath: engineDbPath(config), workers: pipelineWorkers(resources), log });
    const { taskDefs, workflows } = pipelineDefinitions();
    engine.registerTaskDefs(taskDefs);
    for (const workflow of workflows) engine.registerWorkflow(workflow);
    return {
      engine,
      resources,
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
