import { evaluateSegments, parsePath } from './json-path.js';

/** Looks up the value a path's root names: `workflow` or a task reference. */
export type RootLookup = (root: string) => unknown;

const WHOLE = /^\$\{([^{}]+)\}$/;
const EMBEDDED = /\$\{([^{}]+)\}/g;

/** Evaluates the body of one `${…}`; null when anything along the way is missing. */
export function evaluateExpression(body: string, lookup: RootLookup): unknown {
  let path;
  try {
    path = parsePath(body);
  } catch {
    return null;
  }
  const root = lookup(path.root);
  if (root === undefined) return null;
  const value = evaluateSegments(root, path);
  return value === undefined ? null : value;
}

function stringify(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * Resolves every `${…}` in a parameter value, recursively. A string that is
 * exactly one expression keeps the value's type; expressions inside other text
 * are stringified.
 */
export function resolveValue(value: unknown, lookup: RootLookup): unknown {
  if (typeof value === 'string') {
    if (!value.includes('${')) return value;
    const whole = WHOLE.exec(value);
    if (whole) return evaluateExpression(whole[1]!, lookup);
    return value.replace(EMBEDDED, (_m, body: string) => stringify(evaluateExpression(body, lookup)));
  }
  if (Array.isArray(value)) return value.map((v) => resolveValue(v, lookup));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = resolveValue(v, lookup);
    return out;
  }
  return value;
}

/** Resolves a task's or workflow's inputParameters / outputParameters map. */
export function resolveParameters(params: Record<string, unknown>, lookup: RootLookup): Record<string, unknown> {
  return resolveValue(params, lookup) as Record<string, unknown>;
}

/** Every `${…}` body in a value, with the JSON-ish path where it appears (for validation). */
export function collectExpressions(value: unknown, path: string, out: { path: string; body: string }[] = []): { path: string; body: string }[] {
  if (typeof value === 'string') {
    for (const m of value.matchAll(EMBEDDED)) out.push({ path, body: m[1]! });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => collectExpressions(v, `${path}[${i}]`, out));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) collectExpressions(v, path === '' ? k : `${path}.${k}`, out);
  }
  return out;
}
