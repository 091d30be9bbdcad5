/**
 * The part of JSONPath Conductor's `${…}` expressions use: `a.b`, `a['b']`,
 * `a[0]`, `a[-1]`, `a[*]`, `a.*` and deep scan `a..b`. Hand-written because
 * the subset is small and a library would add a second evaluation model.
 */
export type PathSegment =
  | { kind: 'child'; name: string }
  | { kind: 'index'; index: number }
  | { kind: 'wildcard' }
  | { kind: 'deep'; name: string | undefined };

/** A parsed path: the root name plus the segments after it. */
export interface ParsedPath {
  root: string;
  segments: PathSegment[];
  /** True when the path can match several values (wildcards, deep scan); the result is then a list. */
  indefinite: boolean;
}

/** Parses `root.a[0]..b`; throws with the offending position when malformed. */
export function parsePath(text: string): ParsedPath {
  const src = text.trim().replace(/^\$\.?/, '');
  let i = 0;
  const readName = (): string => {
    const start = i;
    while (i < src.length && src[i] !== '.' && src[i] !== '[') i++;
    return src.slice(start, i);
  };
  const root = readName();
  if (root === '') throw new Error(`path '${text}' has no root name`);
  const segments: PathSegment[] = [];
  while (i < src.length) {
    if (src.startsWith('..', i)) {
      i += 2;
      if (src[i] === '[') {
        segments.push({ kind: 'deep', name: undefined });
        continue;
      }
      const name = readName();
      segments.push({ kind: 'deep', name: name === '*' || name === '' ? undefined : name });
    } else if (src[i] === '.') {
      i++;
      const name = readName();
      if (name === '') throw new Error(`path '${text}' has an empty name at ${i}`);
      segments.push(name === '*' ? { kind: 'wildcard' } : { kind: 'child', name });
    } else if (src[i] === '[') {
      const end = src.indexOf(']', i);
      if (end < 0) throw new Error(`path '${text}' has an unclosed '['`);
      const inner = src.slice(i + 1, end).trim();
      i = end + 1;
      const quoted = /^(['"])(.*)\1$/.exec(inner);
      if (quoted) segments.push({ kind: 'child', name: quoted[2]! });
      else if (inner === '*') segments.push({ kind: 'wildcard' });
      else if (/^-?\d+$/.test(inner)) segments.push({ kind: 'index', index: Number(inner) });
      else throw new Error(`path '${text}' has an unsupported selector [${inner}]`);
    } else {
      throw new Error(`path '${text}' is malformed at ${i}`);
    }
  }
  const indefinite = segments.some((s) => s.kind === 'wildcard' || s.kind === 'deep');
  return { root, segments, indefinite };
}

function children(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (value !== null && typeof value === 'object') return Object.values(value);
  return [];
}

function child(value: unknown, name: string): unknown[] {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, name)) {
    return [(value as Record<string, unknown>)[name]];
  }
  return [];
}

function deepScan(value: unknown, name: string | undefined, out: unknown[]): void {
  if (value === null || typeof value !== 'object') return;
  if (name === undefined) {
    for (const v of children(value)) {
      out.push(v);
      deepScan(v, name, out);
    }
    return;
  }
  out.push(...child(value, name));
  for (const v of children(value)) deepScan(v, name, out);
}

/** Applies the segments to a root value; undefined when a definite path does not resolve. */
export function evaluateSegments(rootValue: unknown, path: ParsedPath): unknown {
  let current: unknown[] = [rootValue];
  for (const seg of path.segments) {
    const next: unknown[] = [];
    for (const value of current) {
      switch (seg.kind) {
        case 'child':
          next.push(...child(value, seg.name));
          break;
        case 'index':
          if (Array.isArray(value)) {
            const idx = seg.index < 0 ? value.length + seg.index : seg.index;
            if (idx >= 0 && idx < value.length) next.push(value[idx]);
          }
          break;
        case 'wildcard':
          next.push(...children(value));
          break;
        case 'deep':
          deepScan(value, seg.name, next);
          break;
      }
    }
    current = next;
  }
  return path.indefinite ? current : current[0];
}
