import assert from 'node:assert/strict';
import { it } from 'node:test';
import { resolveValue, type RootLookup } from './expression-resolve.js';
import { parsePath } from './json-path.js';

const roots: Record<string, unknown> = {
  workflow: { input: { n: 2, name: 'x', list: [{ id: 'a' }, { id: 'b', deep: { id: 'c' } }] } },
  mix: { output: { key: 'k1', nested: { key: 'k2' }, arr: [{ key: 'k3' }] } },
};
const lookup: RootLookup = (root) => roots[root];

it('keeps the type of a value that is one whole expression', () => {
  assert.equal(resolveValue('${workflow.input.n}', lookup), 2);
  assert.deepEqual(resolveValue('${workflow.input.list[0]}', lookup), { id: 'a' });
});

it('stringifies expressions embedded in text, objects as JSON', () => {
  assert.equal(resolveValue('n=${workflow.input.n}, first=${workflow.input.list[0]}', lookup), 'n=2, first={"id":"a"}');
  assert.equal(resolveValue('missing=${workflow.input.nope}', lookup), 'missing=null');
});

it('resolves to null when the root or path does not exist', () => {
  assert.equal(resolveValue('${nobody.output.x}', lookup), null);
  assert.equal(resolveValue('${workflow.input.list[9].id}', lookup), null);
});

it('supports negative indexes, bracket names, wildcards and deep scan', () => {
  assert.equal(resolveValue("${workflow.input.list[-1]['id']}", lookup), 'b');
  assert.deepEqual(resolveValue('${workflow.input.list[*].id}', lookup), ['a', 'b']);
  assert.deepEqual(resolveValue('${mix.output..key}', lookup), ['k1', 'k2', 'k3']);
  assert.deepEqual(resolveValue('${workflow.input..id}', lookup), ['a', 'b', 'c']);
});

it('resolves nested objects and arrays of parameters', () => {
  assert.deepEqual(resolveValue({ a: ['${workflow.input.name}', 1], b: { c: '${workflow.input.n}' } }, lookup), { a: ['x', 1], b: { c: 2 } });
});

it('rejects malformed paths when parsing', () => {
  assert.throws(() => parsePath('a[unclosed'), /unclosed/);
  assert.throws(() => parsePath('a[?(@.x)]'), /unsupported selector/);
});
