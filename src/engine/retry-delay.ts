import type { TaskDef } from './workflow-def-schema.js';

/** Seconds to wait before attempt `retryCount + 1`, per the TaskDef's retryLogic (Conductor's formulas). */
export function retryDelaySeconds(def: TaskDef, retryCount: number): number {
  switch (def.retryLogic) {
    case 'FIXED':
      return def.retryDelaySeconds;
    case 'EXPONENTIAL_BACKOFF':
      return def.retryDelaySeconds * 2 ** retryCount;
    case 'LINEAR_BACKOFF':
      return def.retryDelaySeconds * def.backoffScaleFactor * (retryCount + 1);
  }
}
