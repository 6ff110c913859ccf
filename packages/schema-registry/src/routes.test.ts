import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildService } from '@eventflow/service';
import { assertProblem, injectJson } from '@eventflow/service/testing';
import { schemaRegistryRoutes } from './index.ts';
import { openTestRegistry } from './testing/index.ts';

const v1 = { type: 'object', required: ['id'], properties: { id: { type: 'string' } } };

test('Confluent-style routes: register, list, read; 409 incompatible, 400 invalid, 404 unknown', async (t) => {
  const target = await openTestRegistry({ kind: 'pglite' });
  t.after(() => target.close());
  const app = buildService(
    { name: 'schema-registry', routes: [schemaRegistryRoutes(target.registry, '/api')] },
    { logger: false, defaultMetrics: false },
  );
  t.after(() => app.close());
  const send = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
    injectJson<Record<string, unknown>>(app, { method, url, ...(payload === undefined ? {} : { payload }) });

  const first = await send('POST', '/api/subjects/SeatReserved/versions', { schema: v1 });
  assert.equal(first.statusCode, 200);
  assert.deepEqual({ version: first.body['version'], created: first.body['created'] }, { version: 1, created: true });
  const again = await send('POST', '/api/subjects/SeatReserved/versions', { schema: v1 });
  assert.deepEqual({ version: again.body['version'], created: again.body['created'] }, { version: 1, created: false });
  const second = await send('POST', '/api/subjects/SeatReserved/versions', {
    schema: { ...v1, properties: { ...v1.properties, note: { type: 'string' } } },
  });
  assert.equal(second.body['version'], 2);

  const breaking = { ...v1, required: ['id', 'seat'], properties: { ...v1.properties, seat: { type: 'string' } } };
  const check = await send('POST', '/api/compatibility/subjects/SeatReserved', { schema: breaking });
  assert.equal(check.body['compatible'], false);
  const conflict = assertProblem(await send('POST', '/api/subjects/SeatReserved/versions', { schema: breaking }), {
    status: 409,
    code: 'SCHEMA.INCOMPATIBLE',
    title: 'Incompatible schema',
  });
  assert.deepEqual(
    (conflict['issues'] as Array<{ message: string }>).map((issue) => issue.message),
    ["added required field 'seat' without default"],
  );
  assertProblem(
    await send('POST', '/api/subjects/Other/versions', {
      schema: { type: 'object', properties: { a: { type: 'wrong' } } },
    }),
    { status: 400, code: 'SCHEMA.INVALID' },
  );
  assertProblem(await send('POST', '/api/subjects/Other/versions', { schema: v1, compatibility: 'SOMETIMES' }), {
    status: 400,
    code: 'REQUEST.VALIDATION_FAILED',
  });

  assert.deepEqual((await send('GET', '/api/subjects')).body, ['SeatReserved']);
  assert.deepEqual((await send('GET', '/api/subjects/SeatReserved/versions')).body, [1, 2]);
  const latest = await send('GET', '/api/subjects/SeatReserved/versions/latest');
  assert.equal(latest.body['version'], 2);
  assert.deepEqual((await send('GET', '/api/subjects/SeatReserved/versions/1')).body['schema'], v1);
  assertProblem(await send('GET', '/api/subjects/SeatReserved/versions/3'), { status: 404, code: 'SCHEMA.NOT_FOUND' });
  assertProblem(await send('GET', '/api/subjects/Nope/versions'), { status: 404, code: 'SCHEMA.NOT_FOUND' });
  assertProblem(await send('GET', '/api/subjects/SeatReserved/versions/zero'), {
    status: 400,
    code: 'REQUEST.VALIDATION_FAILED',
  });
});
