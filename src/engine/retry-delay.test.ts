import assert from 'node:assert/strict';
import { it } from 'node:test';
import { retryDelaySeconds } from './retry-delay.js';
import { taskDefSchema } from './workflow-def-schema.js';

it('computes FIXED, EXPONENTIAL_BACKOFF and LINEAR_BACKOFF delays as Conductor does', () => {
  const def = (retryLogic: string, backoffScaleFactor = 1) => taskDefSchema.parse({ name: 't', retryLogic, retryDelaySeconds: 2, backoffScaleFactor });
  assert.deepEqual([0, 1, 2].map((n) => retryDelaySeconds(def('FIXED'), n)), [2, 2, 2]);
  assert.deepEqual([0, 1, 2].map((n) => retryDelaySeconds(def('EXPONENTIAL_BACKOFF'), n)), [2, 4, 8]);
  assert.deepEqual([0, 1, 2].map((n) => retryDelaySeconds(def('LINEAR_BACKOFF', 3), n)), [6, 12, 18]);
});
