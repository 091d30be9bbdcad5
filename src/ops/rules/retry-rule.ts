import { anomaly, AnomalyKind, type AnomalyRule } from '../anomaly.js';

const MANY_ATTEMPTS = 3;

/** A reference attempted three times or more; the reason quotes the last failure. */
export const retryRule: AnomalyRule = (view) =>
  view.tasks.flatMap((t) => {
    if (!t.latest || t.attempts < MANY_ATTEMPTS) return [];
    const failures = view.tasks.filter((o) => o.workflowId === t.workflowId && o.ref === t.ref && o !== t && o.reason);
    const last = failures.at(-1)?.reason;
    return [
      anomaly(AnomalyKind.manyRetries, t, `${t.attempts} attempts (now ${t.status})${last ? `; last failure: ${last.slice(0, 160)}` : ''}`),
    ];
  });
