import { anomaly, AnomalyKind, isDone, type AnomalyRule } from '../anomaly.js';

/**
 * A completed JOIN whose output lacks a branch it waited for (its `joinOn`,
 * which for a dynamic fork both runtimes fill with the forked references).
 * Conductor leaves out branches whose output is `{}`: code reading the JOIN
 * by branch would silently lose that branch.
 */
export const joinBranchesRule: AnomalyRule = (view) =>
  view.tasks.flatMap((t) => {
    if (t.kind !== 'JOIN' || !isDone(t)) return [];
    const joinOn = t.inputData['joinOn'];
    if (!Array.isArray(joinOn)) return [];
    const missing = joinOn.filter((ref): ref is string => typeof ref === 'string' && !Object.hasOwn(t.outputData, ref));
    if (missing.length === 0) return [];
    return [
      anomaly(AnomalyKind.joinMissingBranches, t, `output lacks ${missing.length} of ${joinOn.length} branches: ${missing.join(', ')}`),
    ];
  });
