// The schema registry service as a person reaches it: through the gateway of an embedded platform
// running ticketing, whose descriptors' `publishes` the host registered before any of them listened.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gateway } from '@eventflow/gateway/descriptor';
import { registrationsOf } from '@eventflow/host';
import { embeddedPlatform } from '@eventflow/host/testing';
import { assertProblem, fetchJson } from '@eventflow/service/testing';
import { ticketingServices } from '@eventflow/ticketing';
import { pedidosTopic } from '@eventflow/ticketing-contracts';
import { schemaRegistry } from './descriptor.ts';

const ticketingTypes = [
  'UsuarioCreado',
  'CompraRegistrada',
  'EventoCreado',
  'InventarioCreado',
  'AsientosRetenidos',
  'AsientosConfirmados',
  'AsientosLiberados',
  'PagoCapturado',
  'PagoRechazado',
  'PagoReembolsado',
  'OrderCreated',
  'ReservaConfirmada',
  'ReservaFallida',
];

interface Version {
  readonly type: string;
  readonly version: number;
  readonly schema: unknown;
  readonly fingerprint: string;
  readonly compatibility: string;
  readonly registeredAt: string;
}

test('through the gateway: every ticketing type registered at start, as its topic’s schema; an incompatible one is a 409', async (t) => {
  const platform = await embeddedPlatform(t, [gateway, schemaRegistry, ...ticketingServices]);
  const api = `${platform.url}/api/schemas`;

  const subjects = await fetchJson<string[]>(`${api}/subjects`);
  assert.equal(subjects.statusCode, 200, subjects.text);
  assert.deepEqual(subjects.body, [...ticketingTypes].sort(), 'every type the ticketing descriptors publish');

  // Each type holds its topic's schema, at the topic's schemaVersion (1), once.
  const declared = ticketingServices.flatMap((d) => registrationsOf(d.name, d.publishes));
  assert.deepEqual(declared.map((r) => r.type).sort(), [...ticketingTypes].sort());
  for (const registration of declared) {
    const versions = await fetchJson<number[]>(`${api}/subjects/${registration.type}/versions`);
    assert.deepEqual(versions.body, [registration.schemaVersion], `${registration.type}: one version`);
    const latest = await fetchJson<Version>(`${api}/subjects/${registration.type}/versions/latest`);
    assert.equal(latest.statusCode, 200, latest.text);
    assert.deepEqual(
      latest.body.schema,
      registration.schema,
      `${registration.type}: the schema of ${registration.topic}`,
    );
  }
  const order = await fetchJson<Version>(`${api}/subjects/OrderCreated/versions/1`);
  assert.equal(order.statusCode, 200, order.text);
  assert.equal(order.body.type, 'OrderCreated');
  assert.equal(order.body.version, 1);
  assert.equal(order.body.compatibility, 'BACKWARD');
  assert.deepEqual(order.body.schema, pedidosTopic.schema, "the contract's OrderCreated (ticketing.pedidos)");

  // The same schema again is the same version (what every start does); a breaking change is refused.
  const again = await fetchJson<{ version: number; created: boolean }>(`${api}/subjects/OrderCreated/versions`, {
    body: { schema: pedidosTopic.schema },
  });
  assert.equal(again.statusCode, 200, again.text);
  assert.deepEqual({ version: again.body.version, created: again.body.created }, { version: 1, created: false });
  const breaking = {
    ...pedidosTopic.schema,
    required: ['orderId', 'userId', 'items', 'createdAt', 'currency'],
    properties: { ...(pedidosTopic.schema as { properties: object }).properties, currency: { type: 'string' } },
  };
  const refused = await fetchJson(`${api}/subjects/OrderCreated/versions`, { body: { schema: breaking } });
  const problem = assertProblem(refused, {
    status: 409,
    code: 'SCHEMA.INCOMPATIBLE',
    title: 'Incompatible schema',
    detail: /incompatible schema for OrderCreated: added required field 'currency' without default/,
  });
  assert.deepEqual(problem['issues'], [
    { version: 1, direction: 'backward', message: "added required field 'currency' without default" },
  ]);
  assert.deepEqual((await fetchJson<number[]>(`${api}/subjects/OrderCreated/versions`)).body, [1], 'nothing added');

  const unknown = await fetchJson(`${api}/subjects/NoSuchType/versions/1`);
  assertProblem(unknown, { status: 404, code: 'SCHEMA.NOT_FOUND' });
});
