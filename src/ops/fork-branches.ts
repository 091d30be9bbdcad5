import type { RunTaskRecord } from './run-record.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const objects = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : []);

/**
 * Which fork branch each task reference of one workflow belongs to, as
 * `<forkRef>[<index>]`, innermost fork winning. Static branches come from the
 * definition's `forkTasks`; dynamic ones from the FORK record's
 * `inputData.forkedTasks` (both runtimes record it).
 */
export function forkBranchLabels(definition: unknown, tasks: readonly RunTaskRecord[]): Map<string, string> {
  const labels = new Map<string, string>();
  const walk = (list: unknown, label: string | undefined): void => {
    for (const wt of objects(list)) {
      const ref = typeof wt['taskReferenceName'] === 'string' ? wt['taskReferenceName'] : undefined;
      if (ref !== undefined && label !== undefined) labels.set(ref, label);
      if (Array.isArray(wt['forkTasks'])) {
        wt['forkTasks'].forEach((branch, i) => walk(branch, `${ref ?? 'fork'}[${i}]`));
      }
      if (isObject(wt['decisionCases'])) for (const branch of Object.values(wt['decisionCases'])) walk(branch, label);
      walk(wt['defaultCase'], label);
      walk(wt['loopOver'], label);
    }
  };
  if (isObject(definition)) walk(definition['tasks'], undefined);
  for (const t of tasks) {
    const forked = t.inputData['forkedTasks'];
    if (!Array.isArray(forked)) continue;
    forked.forEach((ref, i) => {
      if (typeof ref === 'string') labels.set(ref, `${t.referenceTaskName}[${i}]`);
    });
  }
  return labels;
}
