import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compatibilitySpec } from '../testing/index.ts';
import { checkCompatibility, type CompatibilityMode } from './check.ts';

const order = {
  type: 'object',
  required: ['orderId', 'price'],
  properties: {
    orderId: { type: 'string' },
    price: { type: 'number', minimum: 0 },
    tier: { enum: ['STANDARD', 'VIP'] },
    note: { type: 'string' },
  },
};
const withProps = (properties: Record<string, unknown>, required = ['orderId', 'price']) => ({
  ...order,
  required,
  properties: { ...order.properties, ...properties },
});
const without = (name: string) => {
  const properties = Object.fromEntries(Object.entries(order.properties).filter(([key]) => key !== name));
  return { ...order, required: order.required.filter((r) => r !== name), properties };
};

interface Case {
  readonly name: string;
  readonly next: unknown;
  /** Expected messages per mode; a mode absent from the row is compatible. */
  readonly expect: Partial<Record<'BACKWARD' | 'FORWARD' | 'FULL', readonly string[]>>;
}

const cases: readonly Case[] = [
  { name: 'the same schema', next: order, expect: {} },
  { name: 'only annotations changed', next: { ...order, title: 'Order', description: 'an order' }, expect: {} },
  {
    name: 'added optional field',
    next: withProps({ seat: { type: 'string' } }),
    expect: {},
  },
  {
    name: 'added required field without default',
    next: withProps({ seat: { type: 'string' } }, ['orderId', 'price', 'seat']),
    expect: {
      BACKWARD: ["added required field 'seat' without default"],
      FULL: ["added required field 'seat' without default"],
    },
  },
  {
    name: 'added required field with a default',
    next: withProps({ seat: { type: 'string', default: 'GA' } }, ['orderId', 'price', 'seat']),
    expect: {},
  },
  {
    name: 'removed a required field',
    next: without('price'),
    expect: { FORWARD: ["removed required field 'price'"], FULL: ["removed required field 'price'"] },
  },
  {
    name: 'made a required field optional',
    next: withProps({}, ['orderId']),
    expect: { FORWARD: ["made required field 'price' optional"], FULL: ["made required field 'price' optional"] },
  },
  {
    name: 'changed a type',
    next: withProps({ price: { type: 'string' } }),
    expect: {
      BACKWARD: ["changed type of 'price' from number to string"],
      FORWARD: ["changed type of 'price' from number to string"],
      FULL: ["changed type of 'price' from number to string", "changed type of 'price' from number to string"],
    },
  },
  {
    name: 'widened a type to a union',
    next: withProps({ price: { type: ['number', 'string'], minimum: 0 } }),
    expect: {
      FORWARD: ["changed type of 'price' from number to number | string"],
      FULL: ["changed type of 'price' from number to number | string"],
    },
  },
  {
    name: 'narrowed number to integer',
    next: withProps({ price: { type: 'integer', minimum: 0 } }),
    expect: {
      BACKWARD: ["changed type of 'price' from number to integer"],
      FULL: ["changed type of 'price' from number to integer"],
    },
  },
  {
    name: 'removed an enum value',
    next: withProps({ tier: { enum: ['STANDARD'] } }),
    expect: { BACKWARD: ["removed enum value 'VIP' from 'tier'"], FULL: ["removed enum value 'VIP' from 'tier'"] },
  },
  {
    name: 'added an enum value',
    next: withProps({ tier: { enum: ['STANDARD', 'VIP', 'GOLD'] } }),
    expect: { FORWARD: ["added enum value 'GOLD' to 'tier'"], FULL: ["added enum value 'GOLD' to 'tier'"] },
  },
  {
    name: 'raised a minimum',
    next: withProps({ price: { type: 'number', minimum: 1 } }),
    expect: {
      BACKWARD: ["changed the minimum of 'price' from 0 to 1"],
      FULL: ["changed the minimum of 'price' from 0 to 1"],
    },
  },
  {
    name: 'lowered a minimum',
    next: withProps({ price: { type: 'number', minimum: -5 } }),
    expect: {
      FORWARD: ["changed the minimum of 'price' from 0 to -5"],
      FULL: ["changed the minimum of 'price' from 0 to -5"],
    },
  },
  {
    name: 'closed the content model',
    next: { ...order, additionalProperties: false },
    expect: {
      BACKWARD: ['the event no longer allows additional properties'],
      FULL: ['the event no longer allows additional properties'],
    },
  },
  {
    name: 'an unknown keyword changed',
    next: { ...order, patternProperties: { '^x-': { type: 'string' } } },
    expect: {
      BACKWARD: ["keyword 'patternProperties' of the event changed, and the checker does not understand it"],
      FORWARD: ["keyword 'patternProperties' of the event changed, and the checker does not understand it"],
      FULL: [
        "keyword 'patternProperties' of the event changed, and the checker does not understand it",
        "keyword 'patternProperties' of the event changed, and the checker does not understand it",
      ],
    },
  },
];

for (const { name, next, expect } of cases) {
  for (const mode of ['BACKWARD', 'FORWARD', 'FULL', 'NONE'] as const) {
    test(`${mode}: ${name}`, () => {
      const messages = mode === 'NONE' ? [] : (expect[mode] ?? []);
      if (messages.length === 0) compatibilitySpec(mode).given(order).when(next).thenCompatible();
      else compatibilitySpec(mode).given(order).when(next).thenIncompatible(messages);
    });
  }
}

test('nested objects and array items are checked with paths', () => {
  const v1 = {
    type: 'object',
    properties: {
      seat: { type: 'object', required: ['row'], properties: { row: { type: 'integer' } } },
      lines: { type: 'array', items: { type: 'object', properties: { qty: { type: 'integer', maximum: 10 } } } },
    },
  };
  const v2 = {
    type: 'object',
    properties: {
      seat: {
        type: 'object',
        required: ['row', 'number'],
        properties: { row: { type: 'string' }, number: { type: 'integer' } },
      },
      lines: { type: 'array', items: { type: 'object', properties: { qty: { type: 'integer', maximum: 5 } } } },
    },
  };
  compatibilitySpec('BACKWARD')
    .given(v1)
    .when(v2)
    .thenIncompatible([
      "added required field 'seat.number' without default",
      "changed type of 'seat.row' from integer to string",
      "changed the maximum of 'lines[].qty' from 10 to 5",
    ]);
});

test('removing a field from a closed schema breaks backward; adding one to a closed old schema breaks forward', () => {
  const closed = { ...order, additionalProperties: false };
  const closedWithout = { ...without('note'), additionalProperties: false };
  compatibilitySpec('BACKWARD')
    .given(closed)
    .when(closedWithout)
    .thenIncompatible(["removed field 'note' while additional properties are not allowed"]);
  compatibilitySpec('FORWARD').given(closed).when(closedWithout).thenCompatible();
  compatibilitySpec('FORWARD')
    .given(closedWithout)
    .when(closed)
    .thenIncompatible(["added field 'note' that the old schema does not allow"]);
});

test('unions: anyOf on either side, const as a one-value enum, nullable types', () => {
  const v1 = {
    type: 'object',
    properties: { id: { anyOf: [{ type: 'string' }, { type: 'integer' }] }, kind: { const: 'a' } },
  };
  const widened = { type: 'object', properties: { id: { type: ['string', 'number'] }, kind: { enum: ['a', 'b'] } } };
  compatibilitySpec('BACKWARD').given(v1).when(widened).thenCompatible();
  compatibilitySpec('FORWARD')
    .given(v1)
    .when(widened)
    .thenIncompatible([
      "'id' (number) matches none of the alternatives on the reading side",
      "added enum value 'b' to 'kind'",
    ]);
  compatibilitySpec('BACKWARD')
    .given({ properties: { x: { type: ['string', 'null'] } } })
    .when({ properties: { x: { type: 'string' } } })
    .thenIncompatible(["changed type of 'x' from string | null to string"]);
});

test('string bounds, pattern and format narrowed are reported', () => {
  compatibilitySpec('BACKWARD')
    .given({ properties: { code: { type: 'string', maxLength: 10 } } })
    .when({ properties: { code: { type: 'string', maxLength: 5, pattern: '^[A-Z]+$', format: 'email' } } })
    .thenIncompatible([
      "changed maxLength of 'code' from 10 to 5",
      "changed pattern of 'code' from none to ^[A-Z]+$",
      "changed format of 'code' from none to email",
    ]);
});

test('the transitive modes check every version, the others only the latest', () => {
  const v1 = { type: 'object', required: ['a'], properties: { a: { type: 'string' } } };
  const v2 = { type: 'object', properties: { a: { type: 'string' } } };
  const v3 = { type: 'object', required: ['a'], properties: { a: { type: 'string' } } };
  // v3 reads v2's data? v2 may lack 'a': no. v3 after v1 only: yes.
  const check = (mode: CompatibilityMode, previous: unknown[]) =>
    checkCompatibility(
      v3,
      previous.map((schema, i) => ({ version: i + 1, schema })),
      mode,
    );
  assert.deepEqual(check('BACKWARD', [v1]), []);
  assert.deepEqual(check('BACKWARD', [v1, v2]), [
    { version: 2, direction: 'backward', message: "added required field 'a' without default" },
  ]);
  // FORWARD: v1 and v2 must read v3's data; both can.
  assert.deepEqual(check('FORWARD_TRANSITIVE', [v1, v2]), []);
  const v4 = { type: 'object', properties: { a: { type: 'integer' } } };
  assert.deepEqual(
    checkCompatibility(
      v4,
      [v1, v2, v3].map((schema, i) => ({ version: i + 1, schema })),
      'BACKWARD_TRANSITIVE',
    ).map((issue) => issue.version),
    [3, 2, 1],
  );
});

test('boolean schemas: true reads anything, false reads nothing', () => {
  compatibilitySpec('BACKWARD').given(order).when(true).thenCompatible();
  compatibilitySpec('BACKWARD')
    .given(order)
    .when(false)
    .thenIncompatible(['the event accepts nothing on the reading side']);
  compatibilitySpec('BACKWARD')
    .given(true)
    .when(order)
    .thenIncompatible([
      'changed type of the event from any type to object',
      "added required field 'orderId' without default",
      "added required field 'price' without default",
    ]);
});
