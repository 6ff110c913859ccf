// The export on the real servers: the users service as its own process on MongoDB (FerretDB) behind
// the gateway, USERS_EXPORT_K from its environment, keyset pages read from FerretDB, and the same
// attacker as the embedded test holding that database and the platform's keys.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { get } from 'node:http';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openMongoDocumentStore } from '@eventflow/docstore/mongodb';
import { cleanupStack } from '@eventflow/eventstore/testing';
import { gateway } from '@eventflow/gateway/descriptor';
import { distributedPlatform } from '@eventflow/host/testing';
import { parseKeyring } from '@eventflow/privacy';
import { fetchJson } from '@eventflow/service/testing';
import { users } from '../descriptor.ts';
import { DataKeys } from '../users/data-keys.ts';
import { fromStored, type PersonalData } from '../users/personal-data.ts';
import { openUserCollection } from '../users/user-store.ts';
import type { AnonymousRow, ExportSummary } from './export-stream.ts';
import { usersInPages } from './read-users.ts';
import { attack } from './testing/attacker.ts';
import { registerBuyers, ticketingPopulation, type Send } from './testing/buyers.ts';
import { parseCsv } from './testing/csv.ts';

const gatewayMain = join(dirname(fileURLToPath(import.meta.resolve('@eventflow/gateway/descriptor'))), 'main.ts');

/** A GET read to its end with node:http, which (unlike fetch) hands over the HTTP trailers. */
function getWithTrailers(url: string) {
  return new Promise<{ status: number; text: string; trailers: NodeJS.Dict<string> }>((resolve, reject) => {
    get(url, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text, trailers: response.trailers }));
      response.on('error', reject);
    }).on('error', reject);
  });
}

test('export on FerretDB through the gateway: k from the environment, pages, trailers, and no one singled out', async (t) => {
  const defer = cleanupStack(t);
  const keyConfig = {
    masterKeys: `int1:${randomBytes(32).toString('base64')}`,
    indexKey: randomBytes(32).toString('base64'),
  };
  const platform = await distributedPlatform(
    t,
    'users-export-int',
    [
      { descriptor: gateway, main: gatewayMain },
      { descriptor: users, main: join(import.meta.dirname, '..', 'main.ts') },
    ],
    { USERS_EXPORT_K: '3', PRIVACY_MASTER_KEYS: keyConfig.masterKeys, PRIVACY_INDEX_KEY: keyConfig.indexKey },
  );
  const direct = platform.registry.urlOf('users');
  const send: Send = (method, path, body) =>
    fetchJson(`${path.startsWith('/internal') ? direct : platform.url}${path}`, { method, body });
  await registerBuyers(send, ticketingPopulation(120, 7));

  const json = await fetch(`${platform.url}/api/usuarios/exportar`);
  assert.equal(json.status, 200, platform.output());
  assert.equal(json.headers.get('x-export-total'), '120');
  assert.equal(json.headers.get('x-export-k'), '3', 'USERS_EXPORT_K');
  const text = await json.text();
  const body = JSON.parse(text) as { k: number; filas: AnonymousRow[]; resumen: ExportSummary };
  assert.equal(body.resumen.usuarios, 120);
  assert.equal(body.filas.length, body.resumen.filas);

  // The attacker: the run's MongoDB database, the people opened with the platform's keys.
  const documents = await openMongoDocumentStore({ url: platform.mongodbUrl });
  defer(() => documents.close());
  const keys = parseKeyring(keyConfig);
  const collection = await openUserCollection(documents, keys);
  const database = await collection.find({});
  const dataKeys = await DataKeys.open(documents, keys);
  const people = new Map<string, PersonalData>();
  for (const user of database) {
    const dataKey = await dataKeys.get(user._id);
    if (user.personales !== null && dataKey !== undefined)
      people.set(user._id, fromStored(dataKey, user._id, user.personales));
  }
  assert.ok(people.size > 100, `the attacker opened ${people.size} people with the platform's keys`);
  const result = attack({ database, people, keys, k: 3 }, body.filas, text);
  assert.deepEqual(result.singledOut, []);
  assert.deepEqual(result.keyedMatches, []);
  assert.deepEqual(result.leaks, []);

  // Keyset pages on FerretDB: every user once, in _id order, whatever the page size.
  const paged: string[] = [];
  for await (const user of usersInPages(collection, 7)) paged.push(`${user.tipo_documento}/${user.compras.length}`);
  assert.deepEqual(
    paged,
    database.map((user) => `${user.tipo_documento}/${user.compras.length}`),
  );

  // CSV: the counts in HTTP trailers from the service. The gateway (reply-from) passes the body on
  // but not the trailers: through it, the JSON's `resumen` is the summary (README).
  const expectedTrailers = {
    'x-export-rows': String(body.resumen.filas),
    'x-export-suppressed': String(body.resumen.filas_suprimidas),
    'x-export-users': '120',
  };
  for (const base of [direct, platform.url]) {
    const csv = await getWithTrailers(`${base}/api/usuarios/exportar?format=csv`);
    assert.equal(csv.status, 200);
    assert.equal(parseCsv(csv.text).length - 1, body.resumen.filas, 'a header line and one line per row');
    if (base === direct) assert.deepEqual(csv.trailers, expectedTrailers);
  }
});
