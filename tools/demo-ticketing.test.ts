// `npm run demo -- ticketing` for real, embedded (no servers), with a small crowd: run as a child
// process into a temporary folder; its summary is checked against the reservations it left behind.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runDemo } from './testing/run-demo.ts';

/** The number after `label` on a line of the summary. */
function figure(stdout: string, pattern: RegExp): number {
  const match = pattern.exec(stdout);
  assert.ok(match?.[1] !== undefined, `${pattern} in:\n${stdout}`);
  return Number(match[1]);
}

test('npm run demo -- ticketing: 60 buyers for 12 seats, a fifth of the payments declined; never oversold, the books add up', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'eventflow-demo-ticketing-test-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const out = join(dir, 'out');
  const { code, stdout, stderr } = await runDemo(['ticketing', '--buyers', '60', '--seats', '12', '--out', out]);
  assert.equal(code, 0, stderr);

  // Live progress on stderr: the platform, the simulator set and put back, answers and seats.
  assert.match(stderr, /platform: embedded \(started by the demo, stopped at its end\)/);
  assert.match(stderr, /starting the embedded platform with ticketing/);
  assert.match(stderr, /payment simulator: tasa_rechazo 0\.2 \(was 0\)/);
  assert.match(stderr, /answers 60\/60 \((201|402|409) ×\d+.*\) · seats sold \d+\/12, held \d+, available \d+\n/);
  assert.match(
    stderr,
    /settled: no reservation pending · answers 60\/60 .* · seats sold \d+\/12, held 0, available \d+\n/,
  );
  assert.match(stderr, /payment simulator: tasa_rechazo back to 0\n/);

  // The summary: never oversold, sold + available = capacity, every buyer accounted for. (A seat a
  // declined buyer held comes back after the crowd: fewer than 12 may be sold.)
  assert.match(stdout, /^Ticketing demo: 60 buyers for 12 seats, 20 % of payments declined$/m);
  const sold = figure(stdout, /^sold +(\d+) \/ capacity 12 /m);
  assert.ok(sold >= 1 && sold <= 12, `sold ${sold}`);
  assert.equal(figure(stdout, /^sold .*\(available (\d+), held 0\)$/m), 12 - sold);
  assert.match(stdout, /^oversold {7}0$/m);
  const confirmed = figure(
    stdout,
    /^confirmed +(\d+) reservations, \d+ tickets, each with exactly one captured charge$/m,
  );
  assert.equal(confirmed, sold);
  const refused = figure(stdout, /^failed +\d+ buyers: (\d+) refused by the checks/m);
  const failedInSaga = figure(stdout, /refused by the checks \(no reservation made\), (\d+) reservations failed/);
  assert.equal(figure(stdout, /^failed +(\d+) buyers/m), refused + failedInSaga);
  assert.equal(confirmed + refused + failedInSaga, 60, 'each buyer confirmed or failed');
  assert.doesNotMatch(stdout, /PENDING|WITHOUT|MORE SOLD/);
  assert.match(stdout, /^sold out \(RESERVA\.AGOTADO\) +\d+ +\d+ +\d+$/m);
  assert.match(stdout, /^refunds +\d+ at payments, \d+ at the provider; failed reservations keeping money: 0$/m);
  assert.equal(
    figure(stdout, /^provider +charges captured (\d+)/m),
    confirmed,
    'one captured charge per confirmed reservation',
  );
  assert.match(stdout, new RegExp(`^buyers by outcome\n {2}confirmed +│[█▏▎▍▌▋▊▉]* +${confirmed}$`, 'm'));

  // The files: the same summary, and one row per reservation created, in the states counted.
  assert.deepEqual((await readdir(out)).sort(), ['reservations.csv', 'summary.txt']);
  assert.equal(await readFile(join(out, 'summary.txt'), 'utf8'), stdout);
  const [header, ...rows] = (await readFile(join(out, 'reservations.csv'), 'utf8'))
    .trimEnd()
    .split('\r\n')
    .map((line) => line.split(','));
  assert.deepEqual(header, ['reserva_id', 'usuario_seudonimo', 'estado', 'codigo', 'pago', 'cargos', 'compensaciones']);
  assert.equal(rows.length, confirmed + failedInSaga);
  assert.equal(rows.filter((r) => r[2] === 'confirmada').length, confirmed);
  for (const row of rows.filter((r) => r[2] === 'confirmada')) {
    assert.deepEqual([row[3], row[4], row[5]], ['', 'capturado', 'capturado'], row.join(','));
  }
  for (const row of rows.filter((r) => r[2] === 'fallida')) {
    assert.match(row[3] ?? '', /^RESERVA\./);
    assert.match(row[6] ?? '', /abrir-reserva/, 'a failed reservation was compensated');
  }
});

test('npm run demo: an option of another demo, or a bad value, is a clear error (exit 2)', async () => {
  const other = await runDemo(['documents', '--buyers', '10']);
  assert.equal(other.code, 2);
  assert.match(other.stderr, /^demo: --buyers is not an option of the documents demo\n/);
  const bad = await runDemo(['ticketing', '--declined', '2']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^demo: --declined 2: share of payments the simulator declines, 0\.\.1 \(0\.2\)\n/);
});
