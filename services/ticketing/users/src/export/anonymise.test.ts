// The pure anonymiser: the generalisation hierarchy, each event's level, k over distinct users,
// suppression as the last resort, and class tables that stop growing when the users do.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { anonymise, type Anonymised } from './anonymise.ts';
import { band, generalise, isoWeek, type ExportedUser, type Level } from './generalise.ts';
import { chooseLevel } from './plan.ts';

const purchase = (evento_id: string, fecha: string, cantidad = 2, importe = 90.5) => ({
  evento_id,
  fecha,
  cantidad,
  importe,
});
const user = (compras: ExportedUser['compras'], tipo_documento = 'DNI', creado_en = '2025-10-15T09:00:00.000Z') => ({
  tipo_documento,
  creado_en,
  compras,
});
const pages = (users: readonly ExportedUser[]) => () => users;
const times = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));

test('each level says less: day, week, month, year; exact values, bands, *; the pool hides the event', () => {
  const someone = user([purchase('e-1', '2025-11-03T21:30:00.000Z', 3, 90.5)]);
  const compra = someone.compras[0];
  const at = (level: Level) => generalise(level, someone, compra);
  assert.deepEqual(at(0), {
    nivel: 0,
    tipo_documento: 'DNI',
    alta: '2025-10',
    evento_id: 'e-1',
    fecha: '2025-11-03',
    cantidad: '3',
    importe: '90.50',
  });
  assert.deepEqual(at(1), { ...at(0), nivel: 1, tipo_documento: '*', alta: '2025' }, 'the user first');
  assert.deepEqual(at(2), { ...at(1), nivel: 2, alta: '*', fecha: '2025-W45', cantidad: '3-4', importe: '50-100' });
  assert.deepEqual(at(3), { ...at(2), nivel: 3, fecha: '2025-11', cantidad: '2-4', importe: '50-250' });
  assert.deepEqual(at(4), { ...at(3), nivel: 4, fecha: '2025', cantidad: '*', importe: '*' });
  assert.deepEqual(at(5), { ...at(4), nivel: 5, evento_id: '*' });
  assert.deepEqual(generalise(0, user([]), undefined), {
    nivel: 0,
    tipo_documento: 'DNI',
    alta: '2025-10',
    evento_id: null,
    fecha: null,
    cantidad: null,
    importe: null,
  });
});

test('bands and ISO weeks at their edges', () => {
  const quantities = [1, 2, 3, 5, 10];
  assert.deepEqual(
    [1, 2, 3, 4, 5, 9, 10, 100].map((n) => band(n, quantities, 0)),
    ['1', '2', '3-4', '3-4', '5-9', '5-9', '10+', '10+'],
  );
  assert.deepEqual(
    [0, 9.99, 10, 1000].map((n) => band(n, [0, 10, 1000], 2)),
    ['0-10', '0-10', '10-1000', '1000+'],
  );
  assert.equal(band(0.1 + 0.2, 'exact', 2), '0.30');
  assert.equal(isoWeek(new Date('2024-12-30T00:00:00Z')), '2025-W01', 'a Monday in the next ISO year');
  assert.equal(isoWeek(new Date('2021-01-03T23:59:59Z')), '2020-W53', 'a Sunday in the last ISO year');
  assert.equal(isoWeek(new Date('2025-11-03T00:00:00Z')), '2025-W45');
});

test('an event bought by k users the same way stays exact; one bought by fewer is generalised, pooled or suppressed', async () => {
  const k = 5;
  const users = [
    // A popular event: 6 users, the same day, quantity and amount.
    ...times(6, () => user([purchase('popular', '2025-11-03T20:00:00.000Z')])),
    // A mid event: 5 users on different days of one month, different amounts.
    ...times(5, (i) =>
      user([purchase('mid', `2025-11-${String(3 + i * 6).padStart(2, '0')}T20:00:00.000Z`, 1 + i, 20 + i)]),
    ),
    // Two rare events, two buyers each: together they make 4 users, still fewer than k.
    ...times(2, () => user([purchase('rare-1', '2025-11-05T20:00:00.000Z')])),
    ...times(2, () => user([purchase('rare-2', '2025-11-05T20:00:00.000Z')])),
    // Users without purchases.
    ...times(5, () => user([])),
  ];
  const result = await anonymise(pages(users), { k, suppressionBudget: 0 });
  const byEvent = (event: string | null) => result.classes.filter((c) => c.row.evento_id === event);
  assert.deepEqual(
    byEvent('popular').map((c) => [c.row.nivel, c.users, c.rows]),
    [[0, 6, 6]],
    'exact: six users share it',
  );
  assert.deepEqual(
    byEvent('mid').map((c) => [c.row.nivel, c.users]),
    [[4, 5]],
    'one class only at the event-and-year level',
  );
  assert.deepEqual(byEvent('*'), [], 'the pool of the rare events has 4 users: suppressed');
  assert.deepEqual(
    byEvent(null).map((c) => [c.row.nivel, c.users]),
    [[0, 5]],
  );
  assert.equal(result.suppressedRows, 4);
  assert.equal(
    result.rows + result.suppressedRows,
    6 + 5 + 4 + 5,
    'every purchase is written or counted as suppressed',
  );
  assertKAnonymous(result, k);
});

test('k counts distinct users: one user buying five times does not make a class', async () => {
  const k = 4;
  const collector = user(times(5, () => purchase('e', '2025-11-03T20:00:00.000Z')));
  const others = times(2, () => user([purchase('e', '2025-11-03T20:00:00.000Z')]));
  const result = await anonymise(pages([collector, ...others]), { k });
  assert.equal(result.rows, 0, 'seven rows, but three users, at every level');
  assert.equal(result.suppressedRows, 7);
  const withThird = await anonymise(pages([collector, ...others, ...others]), { k });
  assert.deepEqual(
    withThird.classes.map((c) => [c.row.nivel, c.users, c.rows]),
    [[0, 5, 9]],
  );
});

test('the budget lets a large event stay exact at the cost of a few odd purchases', () => {
  const tallies = [
    { rows: 100, suppressed: 3 },
    { rows: 100, suppressed: 0 },
  ];
  assert.equal(chooseLevel(tallies, 0.05), 0);
  assert.equal(chooseLevel(tallies, 0), 1);
  assert.equal(
    chooseLevel([undefined, { rows: 100, suppressed: 10 }, { rows: 100, suppressed: 20 }], 0),
    1,
    'an overflowed level is skipped; else the least suppression',
  );
  assert.equal(
    chooseLevel(
      [
        { rows: 2, suppressed: 2 },
        { rows: 2, suppressed: 2 },
      ],
      0,
    ),
    undefined,
    'nothing kept: pooled',
  );
});

test('memory: the class tables stop growing when the users do, and never pass their cap', async () => {
  // A bounded domain (3 document types, 4 sign-up months, 7 events, 5 days, 3 quantities) ...
  const bounded = (n: number) =>
    pages(
      times(n, (i) =>
        user(
          [purchase(`e-${i % 7}`, `2025-11-0${1 + (i % 5)}T20:00:00.000Z`, 1 + (i % 3), 30 * (1 + (i % 3)))],
          ['DNI', 'NIE', 'Pasaporte'][i % 3],
          `2025-0${1 + (i % 4)}-10T00:00:00.000Z`,
        ),
      ),
    );
  const small = await anonymise(bounded(2_000), { k: 5 });
  const large = await anonymise(bounded(8_000), { k: 5 });
  assert.equal(large.users, 8_000);
  assert.equal(large.largestTable, small.largestTable, 'four times the users, the same classes');
  // ... and an unbounded one: every amount different. The exact levels outgrow their cap and are dropped.
  const unbounded = times(3_000, (i) => user([purchase(`e-${i % 3}`, '2025-11-03T20:00:00.000Z', 1, 10 + i / 100)]));
  const capped = await anonymise(pages(unbounded), { k: 5, maxClasses: 500 });
  assert.ok(capped.largestTable <= 500, `${capped.largestTable} classes held`);
  assert.deepEqual(capped.overflowedLevels, [0, 1], 'the levels with exact amounts');
  assert.ok(capped.classes.every((c) => c.row.nivel >= 2));
  assertKAnonymous(capped, 5);
});

function assertKAnonymous(result: Anonymised, k: number): void {
  for (const counted of result.classes)
    assert.ok(counted.users >= k, `${JSON.stringify(counted)} has fewer than ${k} users`);
}
