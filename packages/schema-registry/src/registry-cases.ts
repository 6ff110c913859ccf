// The registry's behaviour, run on PGlite (registry.test.ts) and PostgreSQL (registry.int.test.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openEventStore } from '@eventflow/eventstore';
import { migrateRegistry, validateAppends, type SchemaRegistryError } from './index.ts';
import type { RegistryUnderTest } from './testing/index.ts';

const v1 = {
  type: 'object',
  required: ['reservationId', 'price'],
  properties: { reservationId: { type: 'string' }, price: { type: 'number', minimum: 0 } },
};
const v2 = { ...v1, properties: { ...v1.properties, note: { type: 'string' } } };
const breaking = {
  type: 'object',
  required: ['reservationId', 'price', 'seat'],
  properties: { reservationId: { type: 'string' }, price: { type: 'string' }, seat: { type: 'string' } },
};

function code(expected: string) {
  return (error: unknown) => {
    assert.equal((error as SchemaRegistryError).code, expected, String(error));
    return true;
  };
}

export function registryCases(name: string, open: () => Promise<RegistryUnderTest>): void {
  const withRegistry = (title: string, body: (target: RegistryUnderTest) => Promise<void>): void => {
    test(`${name}: ${title}`, async (t) => {
      const target = await open();
      t.after(() => target.close());
      await body(target);
    });
  };

  withRegistry('the same schema again is the same version, however its keys are ordered', async ({ registry }) => {
    assert.deepEqual(await registry.register('SeatReserved', v1), {
      type: 'SeatReserved',
      version: 1,
      fingerprint: (await registry.register('SeatReserved', v1)).fingerprint,
      created: true,
    });
    const reordered = JSON.parse(
      JSON.stringify({ properties: v1.properties, required: v1.required, type: 'object' }),
    ) as object;
    const again = await registry.register('SeatReserved', reordered);
    assert.equal(again.version, 1);
    assert.equal(again.created, false);
    assert.deepEqual(await registry.versions('SeatReserved'), [1]);
  });

  withRegistry(
    'a compatible schema is the next version; an incompatible one is refused with its reasons',
    async ({ registry }) => {
      await registry.register('SeatReserved', v1);
      assert.equal((await registry.register('SeatReserved', v2)).version, 2);
      await assert.rejects(registry.register('SeatReserved', breaking), (error: unknown) => {
        code('SCHEMA.INCOMPATIBLE')(error);
        const issues = (error as SchemaRegistryError).details['issues'] as Array<{ message: string }>;
        assert.deepEqual(
          issues.map((issue) => issue.message),
          ["added required field 'seat' without default", "changed type of 'price' from number to string"],
        );
        return true;
      });
      assert.deepEqual(await registry.versions('SeatReserved'), [1, 2]);
      assert.deepEqual(await registry.check('SeatReserved', v1), []);
      assert.equal((await registry.check('SeatReserved', breaking)).length, 2);
    },
  );

  withRegistry(
    'the compatibility mode is per type and kept: NONE accepts anything, FORWARD checks the other way',
    async ({ registry }) => {
      await registry.register('A', v1, { compatibility: 'NONE' });
      assert.equal((await registry.register('A', breaking)).version, 2);
      assert.equal(await registry.compatibility('A'), 'NONE');
      assert.equal(await registry.compatibility('B'), 'BACKWARD');
      await registry.register('B', v2, { compatibility: 'FORWARD' });
      // Dropping the optional field: old readers still read the new data.
      assert.equal((await registry.register('B', v1)).version, 2);
      await registry.setCompatibility('B', 'FULL_TRANSITIVE');
      await assert.rejects(registry.register('B', { ...v1, required: ['reservationId'] }), code('SCHEMA.INCOMPATIBLE'));
    },
  );

  withRegistry('a schema ajv cannot compile, a bad type name or a bad mode is refused', async ({ registry }) => {
    await assert.rejects(
      registry.register('X', { type: 'object', properties: { a: { type: 'nonsense' } } }),
      code('SCHEMA.INVALID'),
    );
    await assert.rejects(registry.register('X', [1, 2]), code('SCHEMA.INVALID'));
    await assert.rejects(registry.register('', v1), code('SCHEMA.INVALID_ARGUMENT'));
    await assert.rejects(
      registry.register('X', v1, { compatibility: 'SOMETIMES' as never }),
      code('SCHEMA.INVALID_ARGUMENT'),
    );
    assert.deepEqual(await registry.types(), []);
  });

  withRegistry('lookups: by version, latest, every type; unknown is SCHEMA.NOT_FOUND', async ({ registry }) => {
    await registry.register('B', v1);
    await registry.register('A', v1);
    await registry.register('A', v2);
    const latest = await registry.get('A', 'latest');
    assert.equal(latest.version, 2);
    assert.deepEqual(latest.schema, v2);
    assert.equal(latest.compatibility, 'BACKWARD');
    assert.ok(latest.registeredAt instanceof Date);
    assert.deepEqual((await registry.get('A', 1)).schema, v1);
    assert.deepEqual(await registry.types(), ['A', 'B']);
    await assert.rejects(registry.get('A', 3), code('SCHEMA.NOT_FOUND'));
    await assert.rejects(registry.get('Nope', 'latest'), code('SCHEMA.NOT_FOUND'));
  });

  withRegistry('validate checks a value against its version; readAs fills defaults in a copy', async ({ registry }) => {
    await registry.register('R', { ...v2, properties: { ...v2.properties, note: { type: 'string', default: '-' } } });
    const value = { reservationId: 'r1', price: 3 };
    await registry.validate('R', 1, value);
    assert.deepEqual(value, { reservationId: 'r1', price: 3 }, 'validate never changes the value');
    assert.deepEqual(await registry.readAs('R', 1, value), { reservationId: 'r1', price: 3, note: '-' });
    await assert.rejects(registry.validate('R', 1, { reservationId: 1, price: -1 }), (error: unknown) => {
      code('SCHEMA.INVALID_MESSAGE')(error);
      // Stored as jsonb, whose key order is by length: 'price' before 'reservationId'.
      assert.deepEqual((error as SchemaRegistryError).details['errors'], [
        { pointer: '/price', message: 'must be >= 0', keyword: 'minimum' },
        { pointer: '/reservationId', message: 'must be string', keyword: 'type' },
      ]);
      return true;
    });
    await assert.rejects(registry.validate('R', 2, value), code('SCHEMA.NOT_FOUND'));
  });

  withRegistry('two clients registering the same type at once never get the same version', async ({ registry }) => {
    await registry.register('C', v1);
    const withField = (field: string) => ({ ...v1, properties: { ...v1.properties, [field]: { type: 'string' } } });
    const results = await Promise.all(['x', 'y', 'z', 'w'].map((field) => registry.register('C', withField(field))));
    assert.deepEqual(results.map((r) => r.version).sort(), [2, 3, 4, 5]);
    const same = await Promise.all([registry.register('C', v2), registry.register('C', v2)]);
    assert.equal(same[0].version, same[1].version);
    assert.deepEqual(same.map((r) => r.created).sort(), [false, true]);
  });

  withRegistry(
    'migrating again does nothing; the event store can share the schema',
    async ({ db, schema, registry }) => {
      assert.deepEqual(await migrateRegistry(db, schema), []);
      await openEventStore({ executor: db, schema });
      assert.deepEqual(await migrateRegistry(db, schema), []);
      assert.equal((await registry.register('Shared', true)).version, 1);
    },
  );

  withRegistry(
    'as an append hook: an event that does not match its schema is never stored',
    async ({ registry, db, schema }) => {
      await registry.register('SeatReserved', v1);
      const store = await openEventStore({ executor: db, schema, onAppended: validateAppends(registry) });
      await store.append('seat-1', [{ type: 'SeatReserved', data: { reservationId: 'r1', price: 10 } }], {
        expectedVersion: 'no-stream',
      });
      await assert.rejects(
        store.append('seat-2', [{ type: 'SeatReserved', data: { reservationId: 'r2', price: 'free' } }], {
          expectedVersion: 'no-stream',
        }),
        code('SCHEMA.INVALID_MESSAGE'),
      );
      await assert.rejects(
        store.append('seat-3', [{ type: 'SeatReserved', data: { reservationId: 'r3', price: 1 }, schemaVersion: 2 }], {
          expectedVersion: 'no-stream',
        }),
        code('SCHEMA.NOT_FOUND'),
      );
      assert.equal((await store.readStream('seat-1')).length, 1);
      assert.equal(await store.streamVersion('seat-2'), 0);
      assert.equal(await store.streamVersion('seat-3'), 0);
    },
  );
}
