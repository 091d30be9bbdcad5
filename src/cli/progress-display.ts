import type { WorkflowRecord } from '../app/run-view.js';

type WriteLine = (line: string) => void;

/** The track file a track_pipeline branch works on, for a label people recognise. */
function trackFile(input: Record<string, unknown> | undefined): string | undefined {
  const track = input?.['track'];
  const file = track && typeof track === 'object' ? (track as Record<string, unknown>)['file'] : undefined;
  return typeof file === 'string' ? file : undefined;
}

/**
 * Prints one line per task state change (started, done, failed, retried),
 * with per-track branches labelled by their reference (`track_0`). Used only
 * on a terminal; piped output stays quiet.
 */
export function progressDisplay(write: WriteLine, color: boolean): (wf: WorkflowRecord) => void {
  const seen = new Map<string, string>();
  const paint = (code: number, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  return (wf) => {
    for (const task of wf.tasks ?? []) {
      if (seen.get(task.taskId) === task.status) continue;
      seen.set(task.taskId, task.status);
      if (['JOIN', 'FORK', 'FORK_JOIN', 'FORK_JOIN_DYNAMIC', 'DECISION', 'SWITCH'].includes(task.taskType)) continue;
      const label = task.taskType === 'SUB_WORKFLOW' ? `${task.referenceTaskName} (${trackFile(task.inputData) ?? 'sub-workflow'})` : task.referenceTaskName;
      const seconds = task.endTime && task.startTime ? ` ${((task.endTime - task.startTime) / 1000).toFixed(1)}s` : '';
      switch (task.status) {
        case 'IN_PROGRESS':
          write(`  … ${label}`);
          break;
        case 'COMPLETED':
          write(`  ${paint(32, '✓')} ${label}${seconds}`);
          break;
        case 'FAILED':
        case 'FAILED_WITH_TERMINAL_ERROR':
        case 'TIMED_OUT':
          write(`  ${paint(31, '✗')} ${label}: ${task.reasonForIncompletion ?? task.status}`);
          break;
      }
    }
  };
}
