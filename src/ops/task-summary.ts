import { formatDuration, numberField } from './anomaly.js';
import type { RunTaskView } from './run-view.js';

const sec = (v: number | undefined) => (v === undefined ? '?' : `${Math.round(v)}s`);
const num = (v: number | undefined) => (v === undefined ? '?' : String(v));

/** One-line output summaries of the pipeline's tasks, by task type. */
const byType: Readonly<Record<string, (out: Record<string, unknown>) => string>> = {
  get_recording: (o) => `tracks=${num(numberField(o, 'trackCount'))}`,
  align_track: (o) =>
    `regions=${num(numberField(o, 'regionCount'))} speech=${sec(numberField(o, 'speechSec'))} duration=${sec(numberField(o, 'durationSec'))}`,
  transcribe_track: (o) => `words=${num(numberField(o, 'wordCount'))} speech=${sec(numberField(o, 'speechSec'))}`,
  merge_transcripts: (o) => `words=${num(numberField(o, 'wordCount'))} segments=${num(numberField(o, 'segmentCount'))}`,
};

const MAX_KEYS = 3;
const MAX_VALUE = 32;

/** The first few scalar outputs, `key=value`; keys starting with `_` (like `_worker`) are ours, not the task's. */
function genericSummary(out: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(out)) {
    if (key.startsWith('_') || parts.length >= MAX_KEYS) continue;
    if (typeof value === 'number' || typeof value === 'boolean') parts.push(`${key}=${value}`);
    else if (typeof value === 'string') parts.push(`${key}=${value.length > MAX_VALUE ? `${value.slice(0, MAX_VALUE - 1)}…` : value}`);
    else if (Array.isArray(value)) parts.push(`${key}=[${value.length}]`);
  }
  return parts.join(' ');
}

/** A one-line summary of what the task produced (or why it did not, or how long it has been at it by `now`). */
export function summarizeTask(t: RunTaskView, now: number = Date.now()): string {
  if (t.reason !== undefined && t.status !== 'COMPLETED') return t.reason.split('\n')[0]!.slice(0, 100);
  if (t.kind === 'SIMPLE' && t.status === 'SCHEDULED') return 'waiting for a worker';
  if (t.kind === 'SIMPLE' && t.status === 'IN_PROGRESS') return t.startTime > 0 ? `running for ${formatDuration(now - t.startTime)}` : 'running';
  if (t.kind === 'JOIN') {
    const joinOn = t.inputData['joinOn'];
    const total = Array.isArray(joinOn) ? joinOn.length : undefined;
    const have = Object.keys(t.outputData).length;
    return t.status === 'COMPLETED' ? `branches=${have}${total === undefined ? '' : `/${total}`}` : `waiting for ${total ?? '?'} branches`;
  }
  const forked = t.inputData['forkedTasks'];
  if (Array.isArray(forked)) return `branches=${forked.length}`;
  if (t.kind === 'SUB_WORKFLOW' && t.subWorkflowId !== undefined) return `workflow ${t.subWorkflowId}`;
  const specific = byType[t.taskType];
  return specific ? specific(t.outputData) : genericSummary(t.outputData);
}
