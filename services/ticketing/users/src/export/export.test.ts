// GET /api/usuarios/exportar on the service in this process (embedded document store): JSON and CSV
// streamed with the total up front and the counts at the end, no one in it, and the refusals.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertProblem, injectJson } from '@eventflow/service/testing';
import { usersApp } from '../testing/users-app.ts';
import type { UserCollection } from '../users/user-store.ts';
import { csvColumns, csvLine, type AnonymousRow, type ExportSummary } from './export-stream.ts';
import { usersInPages } from './read-users.ts';
import { registerBuyers, type Buyer, type Send } from './testing/buyers.ts';
import { parseCsv } from './testing/csv.ts';

type JsonExport = { k: number; filas: AnonymousRow[]; resumen: ExportSummary };

const concert = (cantidad: number) => ({
  evento_id: 'concierto',
  cantidad,
  importe: 45 * cantidad,
  fecha: '2025-11-14T21:00:00.000Z',
});
// Six buy the same way, one buys alone, five buy nothing (one of them erased).
const buyers: Buyer[] = [
  ...Array.from({ length: 6 }, () => ({ tipo_documento: 'DNI' as const, compras: [concert(2)] })),
  {
    tipo_documento: 'RUT',
    compras: [{ evento_id: 'solo', cantidad: 7, importe: 1234.5, fecha: '2025-03-01T10:00:00.000Z' }],
  },
  ...Array.from({ length: 4 }, () => ({ tipo_documento: 'DNI' as const, compras: [] })),
  { tipo_documento: 'DNI', compras: [], borrar: true },
];

async function exportApp(t: Parameters<typeof usersApp>[0]) {
  const running = await usersApp(t);
  const send: Send = (method, url, payload) => injectJson(running.app, { method, url, payload });
  const ids = await registerBuyers(send, buyers);
  return { ...running, ids };
}

test('JSON: the total up front, rows shared by k users, the summary last; no id, reservation or person in it', async (t) => {
  const { app, ids, users } = await exportApp(t);
  const response = await app.inject({ method: 'GET', url: '/api/usuarios/exportar?format=json' });
  assert.equal(response.statusCode, 200, response.body);
  assert.match(String(response.headers['content-type']), /^application\/json/);
  assert.equal(response.headers['x-export-total'], String(ids.length));
  assert.equal(response.headers['x-export-k'], '5', 'USERS_EXPORT_K');
  const body = JSON.parse(response.body) as JsonExport;
  assert.equal(body.k, 5);
  const concertRows = body.filas.filter((row) => row.evento_id === 'concierto');
  assert.equal(concertRows.length, 6);
  assert.deepEqual(
    { ...concertRows[0], clase: undefined },
    {
      clase: undefined,
      nivel: 0,
      tipo_documento: 'DNI',
      alta: new Date().toISOString().slice(0, 7),
      evento_id: 'concierto',
      fecha: '2025-11-14',
      cantidad: '2',
      importe: '90.00',
    },
    'six alike: kept exactly',
  );
  assert.equal(new Set(concertRows.map((row) => row.clase)).size, 1, 'one class, one id');
  assert.equal(
    body.filas.filter((row) => row.evento_id === null).length,
    5,
    'the users without purchases, the erased one too',
  );
  assert.deepEqual(body.resumen, {
    k: 5,
    usuarios: 12,
    filas: 11,
    filas_suprimidas: 1,
    clases: 2,
    clases_suprimidas: 1,
  });
  for (const document of await users.find({})) {
    assert.ok(!response.body.includes(document._id), 'no user id');
    for (const compra of document.compras) assert.ok(!response.body.includes(compra.reserva_id), 'no reservation');
  }
  assert.ok(!response.body.includes('example.org') && !response.body.includes('Lovelace'), 'no person');
});

test('CSV: a header line, one line per row, the counts in HTTP trailers; the same rows as JSON', async (t) => {
  const { app } = await exportApp(t);
  const response = await app.inject({ method: 'GET', url: '/api/usuarios/exportar?format=csv' });
  assert.equal(response.statusCode, 200, response.body);
  assert.match(String(response.headers['content-type']), /^text\/csv/);
  // Fastify announces its trailers space-separated.
  assert.deepEqual(String(response.headers['trailer']).split(/[ ,]+/), [
    'x-export-rows',
    'x-export-suppressed',
    'x-export-users',
  ]);
  assert.deepEqual(response.trailers, { 'x-export-rows': '11', 'x-export-suppressed': '1', 'x-export-users': '12' });
  const [header, ...records] = parseCsv(response.body);
  assert.deepEqual(header, [...csvColumns]);
  assert.equal(records.length, 11);
  const json = JSON.parse((await app.inject({ method: 'GET', url: '/api/usuarios/exportar' })).body) as JsonExport;
  const asText = (row: AnonymousRow) =>
    csvColumns.slice(1).map((column) => (row[column] === null ? '' : String(row[column])));
  assert.deepEqual(
    records.map((record) => record.slice(1)).sort(),
    json.filas.map(asText).sort(),
    'the same rows (class ids differ: each export has its own salt)',
  );
  assert.notDeepEqual(records.map((r) => r[0]).sort(), json.filas.map((r) => r.clase).sort());
});

test('CSV quoting: a field with a comma, a quote or a line break is quoted, and reads back the same', () => {
  const row: AnonymousRow = {
    clase: 'a"b',
    nivel: 0,
    tipo_documento: 'DNI',
    alta: '2025-11',
    evento_id: 'gira, "final"\r\nnoche',
    fecha: null,
    cantidad: '1',
    importe: '10.00',
  };
  const line = csvLine(row);
  assert.equal(line, '"a""b",0,DNI,2025-11,"gira, ""final""\r\nnoche",,1,10.00\r\n');
  assert.deepEqual(parseCsv(line), [['a"b', '0', 'DNI', '2025-11', 'gira, "final"\r\nnoche', '', '1', '10.00']]);
});

test('refusals: a format other than json or csv, k below 2, k below USERS_EXPORT_K', async (t) => {
  const { app } = await usersApp(t);
  const get = (query: string) => injectJson(app, { method: 'GET', url: `/api/usuarios/exportar?${query}` });
  assertProblem(await get('format=xml'), { status: 400, code: 'REQUEST.VALIDATION_FAILED' });
  assertProblem(await get('k=1'), { status: 400, code: 'REQUEST.VALIDATION_FAILED' });
  assertProblem(await get('k=muchos'), { status: 400, code: 'REQUEST.VALIDATION_FAILED' });
  const below = assertProblem(await get('k=3'), { status: 400, code: 'USUARIO.EXPORTACION_K' });
  assert.deepEqual([below['k'], below['minimo']], [3, 5]);
  assert.equal((await app.inject({ method: 'GET', url: '/api/usuarios/exportar?format=csv&k=5' })).statusCode, 200);
});

test('pages: keyset by _id, and a caller who leaves stops the reading before the next page', async () => {
  const filters: unknown[] = [];
  const stored = (id: string) => ({
    _id: id,
    tipo_documento: 'DNI',
    creado_en: '2025-11-01T00:00:00.000Z',
    compras: [],
  });
  const collection = {
    find: (filter: unknown) => {
      filters.push(filter);
      return Promise.resolve(filters.length === 1 ? [stored('a'), stored('b')] : [stored('c')]);
    },
  } as unknown as UserCollection;
  const all = [];
  for await (const user of usersInPages(collection, 2)) all.push(user);
  assert.equal(all.length, 3);
  assert.deepEqual(filters, [{}, { _id: { $gt: 'b' } }], 'the second page starts after the first’s last id');
  assert.deepEqual(
    Object.keys(all[0] ?? {}).sort(),
    ['compras', 'creado_en', 'tipo_documento'],
    'nothing else read on',
  );

  filters.length = 0;
  const left = new AbortController();
  const reading = usersInPages(collection, 2, left.signal);
  await reading.next();
  await reading.next();
  left.abort(new Error('the caller left'));
  await assert.rejects(reading.next(), /the caller left/);
  assert.equal(filters.length, 1, 'no second page');
});
