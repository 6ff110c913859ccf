// The re-identification test: a few hundred buyers registered through the service, the export, and
// an attacker holding the full database (every document, every person opened with their data key),
// the platform's keys and the anonymiser's own code. It must not tie any row to fewer than k users.
// The same attacker against a naive export singles people out: the attack is real.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { injectJson } from '@eventflow/service/testing';
import { usersApp } from '../testing/users-app.ts';
import { fromStored, type PersonalData } from '../users/personal-data.ts';
import type { AnonymousRow, ExportSummary } from './export-stream.ts';
import { generalise } from './generalise.ts';
import { attack, type Knowledge } from './testing/attacker.ts';
import { registerBuyers, ticketingPopulation, type Send } from './testing/buyers.ts';

type JsonExport = { k: number; filas: AnonymousRow[]; resumen: ExportSummary };

test('300 buyers exported: no row tied to fewer than k users by any linkage, and the figures kept', async (t) => {
  const { app, users, keys, dataKeys } = await usersApp(t);
  const send: Send = (method, url, payload) => injectJson(app, { method, url, payload });
  await registerBuyers(send, ticketingPopulation(300));
  const exported = async () => {
    const response = await app.inject({ method: 'GET', url: '/api/usuarios/exportar?format=json' });
    assert.equal(response.statusCode, 200, response.body);
    return { text: response.body, body: JSON.parse(response.body) as JsonExport };
  };
  const { text, body } = await exported();

  const database = await users.find({});
  const people = new Map<string, PersonalData>();
  for (const user of database) {
    const dataKey = await dataKeys.get(user._id);
    if (user.personales !== null && dataKey !== undefined) {
      people.set(user._id, fromStored(dataKey, user._id, user.personales));
    }
  }
  assert.equal(database.length, 300);
  assert.ok(people.size > 270, `the attacker opened ${people.size} people`);
  const knowledge: Knowledge = { database, people, keys, k: body.k };

  const result = attack(knowledge, body.filas, text);
  t.diagnostic(`fewest candidates per row: ${JSON.stringify(result.fewestCandidates)}`);
  assert.deepEqual(result.singledOut, [], 'no row tied to fewer than k users');
  assert.ok(result.fewestCandidates.simulation >= 5 && result.fewestCandidates.containment >= 5);
  assert.deepEqual(result.keyedMatches, [], 'no class id made with a platform key, or from a user');
  assert.deepEqual(result.leaks, [], 'no id, reservation, personal, sealed or blind-indexed value');

  // The analytical content: every purchase (and user without any) written or counted as suppressed.
  const items = database.reduce((sum, user) => sum + Math.max(1, user.compras.length), 0);
  assert.equal(body.resumen.filas + body.resumen.filas_suprimidas, items);
  assert.equal(body.filas.length, body.resumen.filas);
  assert.ok(body.resumen.filas_suprimidas < items * 0.1, `suppressed ${body.resumen.filas_suprimidas} of ${items}`);
  const concert = body.filas.filter((row) => row.evento_id === 'concierto');
  assert.ok(concert.length > 100 && concert.every((row) => row.nivel <= 1), 'the popular concert by day or week');
  const levels = Object.groupBy(body.filas, (row) => String(row.nivel));
  t.diagnostic(
    `rows per level: ${JSON.stringify(Object.fromEntries(Object.entries(levels).map(([l, r]) => [l, r?.length])))}`,
  );

  // A second export: the same rows, class ids that do not join with the first's (a new salt).
  const again = await exported();
  const values = (rows: readonly AnonymousRow[]) => rows.map((row) => JSON.stringify({ ...row, clase: '' })).sort();
  assert.deepEqual(values(again.body.filas), values(body.filas));
  const firstIds = new Set(body.filas.map((row) => row.clase));
  assert.ok(again.body.filas.every((row) => !firstIds.has(row.clase)));

  // The same attacker against naive exports: purchases exact (only the person's fields dropped), and
  // purchases exact with every user attribute generalised away. The history itself singles people out.
  for (const [name, level] of [
    ['exact', 0],
    ['attributes generalised, purchases exact', 3],
  ] as const) {
    const naive = database.flatMap((user) =>
      user.compras.map((compra) => {
        const exact = generalise(0, user, compra);
        const attributes = generalise(level, user, compra);
        return { ...exact, tipo_documento: attributes.tipo_documento, alta: attributes.alta, clase: randomUUID() };
      }),
    );
    const broken = attack(knowledge, naive, JSON.stringify(naive));
    assert.equal(broken.fewestCandidates.containment, 1, `${name}: someone singled out`);
    const tied = broken.singledOut.filter((found) => found.by === 'containment').length;
    t.diagnostic(
      `naive (${name}): ${tied} of ${new Set(naive.map((r) => JSON.stringify({ ...r, clase: '' }))).size} distinct rows tied to fewer than k users`,
    );
  }
});
