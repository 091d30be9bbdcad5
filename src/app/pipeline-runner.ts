import type { AppResources } from './app-resources.js';
import type { WorkflowRecord } from './run-view.js';

/** Starts and follows pipeline runs on one runtime; `process` and `shadow` do not care which. */
export interface PipelineRunner {
  readonly engine: 'embedded' | 'conductor';
  readonly resources: AppResources;
  start(input: { transcriptId: string; recordingDir: string }): Promise<string>;
  /** Follows the run until it is terminal (or the signal aborts), reporting each change. */
  follow(workflowId: string, options: { signal: AbortSignal; onChange?: (wf: WorkflowRecord) => void }): Promise<WorkflowRecord>;
  close(): Promise<void>;
}
