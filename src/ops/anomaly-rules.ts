import type { Anomaly, AnomalyRule, RuleContext } from './anomaly.js';
import { emptyResultRule } from './rules/empty-result-rule.js';
import { ghostWorkerRule } from './rules/ghost-worker-rule.js';
import { implausibleSpeedRule } from './rules/implausible-speed-rule.js';
import { joinBranchesRule } from './rules/join-branches-rule.js';
import { retryRule } from './rules/retry-rule.js';
import { stuckTaskRule } from './rules/stuck-task-rule.js';
import type { RunView } from './run-view.js';

/** Every rule `inspect` applies, in the order their findings are listed. */
export const anomalyRules: readonly AnomalyRule[] = [
  ghostWorkerRule,
  implausibleSpeedRule,
  emptyResultRule,
  joinBranchesRule,
  retryRule,
  stuckTaskRule,
];

/** Applies every rule to the run. */
export function findAnomalies(view: RunView, ctx: RuleContext, rules: readonly AnomalyRule[] = anomalyRules): Anomaly[] {
  return rules.flatMap((rule) => rule(view, ctx));
}
