import { runInNewContext } from 'node:vm';

/** How long an INLINE / SWITCH / DO_WHILE script may run before it fails. */
export const SCRIPT_TIME_LIMIT_MS = 1000;

/**
 * Runs a Conductor javascript expression over `$` in a fresh `node:vm`
 * context with a time limit and returns its value as plain JSON. node:vm is
 * not a security boundary: definitions are trusted code, as on Conductor.
 */
export function evaluateScript(expression: string, $: Record<string, unknown>, timeoutMs = SCRIPT_TIME_LIMIT_MS): unknown {
  // Copy in and out as JSON so no object crosses realms with a live prototype.
  const input: unknown = JSON.parse(JSON.stringify($));
  const result: unknown = runInNewContext(expression, { $: input }, { timeout: timeoutMs, displayErrors: false });
  if (result === undefined) return null;
  const json = JSON.stringify(result);
  return json === undefined ? null : (JSON.parse(json) as unknown);
}
