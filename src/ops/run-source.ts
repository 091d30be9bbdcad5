import type { RunRecord } from './run-record.js';

/** Where recorded runs come from: the embedded engine's database or a Conductor server. */
export interface RunSource {
  /** `embedded` or `conductor`, shown in reports. */
  readonly kind: string;
  /** Where it reads from (a database path or a server URL). */
  readonly location: string;
  /** The run with its tasks, or undefined when there is no such workflow. */
  getRun(workflowId: string, signal?: AbortSignal): Promise<RunRecord | undefined>;
  close(): void;
}
