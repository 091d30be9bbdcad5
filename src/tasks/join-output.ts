import { terminalFailure } from '../runtime/task-failure.js';

/**
 * Conductor's JOIN output is a map keyed by each branch's last task reference,
 * with no order and with empty-output branches left out. This reads it as a
 * list in branch order and fails loudly when a branch is missing, instead of
 * silently processing fewer tracks.
 */
export function joinOutputsInOrder(joinOutput: Record<string, unknown>, branchRefs: readonly string[]): unknown[] {
  const missing = branchRefs.filter((ref) => !(ref in joinOutput));
  if (missing.length > 0) {
    throw terminalFailure(
      `JOIN output is missing branch${missing.length > 1 ? 'es' : ''} ${missing.join(', ')} (has: ${Object.keys(joinOutput).join(', ') || 'none'})`,
    );
  }
  return branchRefs.map((ref) => joinOutput[ref]);
}
