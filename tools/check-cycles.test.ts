import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findCycles } from './check-cycles.ts';

const graph = (edges: Record<string, string[]>) => ({ edges: new Map(Object.entries(edges)) });

test('no cycle in a tree or a diamond', () => {
  assert.deepEqual(findCycles(graph({ a: ['b', 'c'], b: ['d'], c: ['d'], d: [] })), []);
});

test('a cycle through several modules is found, and so is a module importing itself', () => {
  const cycles = findCycles(graph({ a: ['b'], b: ['c'], c: ['a', 'd'], d: ['d'] }));
  assert.deepEqual(
    cycles.map((c) => [...c].sort()),
    [['d'], ['a', 'b', 'c']],
  );
});
