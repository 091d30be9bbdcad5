/** A JSON Schema node as zod's toJSONSchema writes it (the parts we compare). */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  additionalProperties?: boolean | JsonSchema;
  default?: unknown;
}

/** The JSON types a schema admits; undefined means anything. */
export function admittedTypes(schema: JsonSchema): Set<string> | undefined {
  const union = schema.anyOf ?? schema.oneOf;
  if (union) {
    const all = new Set<string>();
    for (const member of union) {
      const types = admittedTypes(member);
      if (!types) return undefined;
      for (const t of types) all.add(t);
    }
    return all;
  }
  if (schema.type === undefined) return undefined;
  return new Set(Array.isArray(schema.type) ? schema.type : [schema.type]);
}

/** The schema at `path` (object keys, `[n]` indexes) inside `schema`; undefined when it does not exist; `{}` when unknowable. */
export function schemaAt(schema: JsonSchema, path: readonly (string | number)[]): JsonSchema | undefined {
  let node: JsonSchema = schema;
  for (const part of path) {
    if (typeof part === 'number') {
      if (!node.items) return admittedTypes(node) === undefined ? {} : undefined;
      node = node.items;
      continue;
    }
    const property = node.properties?.[part];
    if (property) node = property;
    else if (typeof node.additionalProperties === 'object') node = node.additionalProperties;
    else if (admittedTypes(node) === undefined) return {};
    else return undefined;
  }
  return node;
}

/**
 * Why a value described by `produced` may be rejected by `accepted`, or
 * undefined when every such value is accepted. Integers count as numbers;
 * objects are compared by the consumer's required properties.
 */
export function incompatibility(produced: JsonSchema, accepted: JsonSchema, at = ''): string | undefined {
  const want = admittedTypes(accepted);
  const have = admittedTypes(produced);
  if (!want || !have) return undefined;
  for (const type of have) {
    if (!want.has(type) && !(type === 'integer' && want.has('number'))) {
      return `${at || 'value'} is ${[...have].join('|')}, consumer accepts ${[...want].join('|')}`;
    }
  }
  if (have.has('object') && accepted.properties) {
    for (const key of accepted.required ?? []) {
      const inner = produced.properties?.[key];
      if (!inner) {
        if (produced.properties) return `${at}.${key} is required by the consumer but not produced`;
        continue;
      }
      const problem = incompatibility(inner, accepted.properties[key] ?? {}, `${at}.${key}`);
      if (problem) return problem;
    }
  }
  if (have.has('array') && produced.items && accepted.items) return incompatibility(produced.items, accepted.items, `${at}[]`);
  return undefined;
}
