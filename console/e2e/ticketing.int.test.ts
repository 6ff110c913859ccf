// The Ticketing page end to end: `npm start` (tools/start.ts) on a fresh data folder, then headless
// chromium (Debian's, driven by playwright-core). An event made from the page's form; users and
// reservations through the API and the form, one of them declined by the payment simulator; then
// what the page shows: the capacity from inventory (live), the reservations by state, the declined
// one's saga with its compensations, a confirmed one's, and its logs by correlation id.
// Screenshot: test-results/console/ticketing.png.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { startEmbeddedPlatform } from '../../tools/testing/platform-process.ts';
import { ensureConsoleBuilt } from '../bundle/index.ts';
import { openBrowser } from './browser.ts';

const shots = join(import.meta.dirname, '..', '..', 'test-results', 'console');

test('the Ticketing page, embedded (npm start): live capacity, reservations by state, a declined reservation’s saga and its compensations', async (t) => {
  const platform = await startEmbeddedPlatform(t, 'console-ticketing-e2e');
  await ensureConsoleBuilt({ progress: () => {} });
  await mkdir(shots, { recursive: true });
  const browser = await openBrowser(t);
  const page = browser.pages()[0] ?? (await browser.newPage());
  const api = client(platform.url);
  const name = `E2E night ${Date.now()}`;
  let eventoId = '';
  let declined = '';
  const users: string[] = [];

  await t.test('an event created from the form is listed with its capacity, and selected', async () => {
    await page.goto(`${platform.url}/console/`);
    await page.getByRole('link', { name: 'Ticketing', exact: true }).click();
    await page.waitForURL('**/console/ticketing');
    const form = page.getByRole('form', { name: 'Create an event' });
    await form.getByLabel('Name', { exact: true }).fill(name);
    await form.getByLabel('Venue', { exact: true }).fill('Teatro Solís');
    await form.getByLabel('Capacity', { exact: true }).fill('10');
    await form.getByLabel('Price (EUR)', { exact: true }).fill('12.5');
    await form.getByRole('button', { name: 'Create event' }).click();
    await panelOf(page, form).locator('.answer[data-status="201"]').getByText(`event “${name}”`).waitFor();
    await page.waitForURL(/\/console\/ticketing\?event=[0-9a-f-]{36}$/);
    eventoId = new URL(page.url()).searchParams.get('event') ?? '';

    const row = eventRow(page, eventoId);
    await row.getByText(name, { exact: true }).waitFor();
    await row.getByText('€12.50').waitFor();
    await row.getByText('On sale').waitFor();
    await capacity(row, { sold: 0, held: 0, available: 10 }).waitFor();
    await page.getByRole('heading', { name: `Reservations of ${name}` }).waitFor();
    await page.getByText('No reservations.').waitFor();
  });

  await t.test('reservations: two confirmed (201), one declined (402), one refused as sold out (409)', async () => {
    users.push(...(await Promise.all([1, 2, 3].map((i) => api.user(i)))));
    const [ana, ben, cy] = users as [string, string, string];
    assert.equal((await api.reserve(ana, eventoId, 2)).status, 201);
    assert.equal((await api.reserve(ben, eventoId, 3)).status, 201);

    // The simulator declines every charge for a moment: the saga fails at cobrar-pago and compensates.
    await api.declineRate(1);
    try {
      await reserveFromForm(page, ana, eventoId, 1);
      const answer = page.locator('.answer[data-status="402"]');
      await answer.getByText('402 Payment Required').waitFor();
      await answer.getByText('RESERVA.PAGO_RECHAZADO').waitFor();
      declined = (await answer.locator('button[data-reserva-id]').getAttribute('data-reserva-id')) ?? '';
    } finally {
      await api.declineRate(0);
    }
    assert.match(declined, /^[0-9a-f-]{36}$/);

    // 5 of 10 seats sold: 6 more are more than are left, refused by the chain before any reservation.
    await reserveFromForm(page, cy, eventoId, 6);
    const soldOut = page.locator('.answer[data-status="409"]');
    await soldOut.getByText('409 Conflict').waitFor();
    await soldOut.getByText('RESERVA.AGOTADO').waitFor();
    await soldOut.getByText('Only 5 ticket(s) left').waitFor();
  });

  await t.test('the event shows its seats from inventory and its reservations per state', async () => {
    const row = eventRow(page, eventoId);
    await capacity(row, { sold: 5, held: 0, available: 5 }).waitFor();
    await row.getByText('5 sold').waitFor();
    await tally(row, 'confirmada', 2).waitFor();
    await tally(row, 'pendiente', 0).waitFor();
    await tally(row, 'fallida', 1).waitFor();
  });

  await t.test('the reservations list, all and filtered by state', async () => {
    const list = page.locator('.reservations');
    await list.locator('tr[data-reserva-id]').nth(2).waitFor();
    assert.equal(await list.locator('tr[data-reserva-id]').count(), 3);
    await list
      .locator(`tr[data-reserva-id="${declined}"][data-state="fallida"]`)
      .getByText('RESERVA.PAGO_RECHAZADO')
      .waitFor();

    await page.getByLabel('Reservation state').selectOption('fallida');
    await page.waitForURL(/state=fallida/);
    await list.locator(`tr[data-reserva-id="${declined}"]`).waitFor();
    await waitForCount(list.locator('tr[data-reserva-id]'), 1);

    await page.getByLabel('Reservation state').selectOption('confirmada');
    await waitForCount(list.locator('tr[data-reserva-id][data-state="confirmada"]'), 2);
    await waitForCount(list.locator('tr[data-reserva-id]'), 2);
    await page.getByLabel('Reservation state').selectOption('');
    await waitForCount(list.locator('tr[data-reserva-id]'), 3);
  });

  await t.test(
    'the declined reservation: its failure, its payment declined, and its saga compensated in reverse order',
    async () => {
      await page.locator(`.reservations tr[data-reserva-id="${declined}"] button`).click();
      const details = page.locator('.reservation-details');
      await details.locator('dl[data-state="fallida"]').waitFor();
      await details.locator('.saga-status[data-saga="COMPENSATED"]').waitFor();
      await details.locator('.failure').getByText('RESERVA.PAGO_RECHAZADO').waitFor();
      await details.locator('.failure').getByText('payment not made: PAGO.RECHAZADO').waitFor();
      await details.locator('.payment[data-state="rechazado"]').getByText('Declined', { exact: true }).waitFor();

      const steps = details.locator('.timeline li[data-kind="step"]');
      assert.deepEqual(await attribute(steps, 'data-paso'), ['abrir-reserva', 'retener-asientos', 'cobrar-pago']);
      assert.deepEqual(await attribute(steps, 'data-outcome'), ['succeeded', 'succeeded', 'failed']);
      const failed = details.locator('.timeline li[data-kind="step"][data-outcome="failed"]');
      await failed.getByText('RESERVA.PAGO_RECHAZADO: payment not made: PAGO.RECHAZADO').waitFor();
      await failed.getByText('attempt 1').waitFor();

      const undone = details.locator('.timeline li[data-kind="compensation"]');
      assert.deepEqual(await attribute(undone, 'data-paso'), ['cobrar-pago', 'retener-asientos', 'abrir-reserva']);
      assert.deepEqual(await attribute(undone, 'data-outcome'), ['succeeded', 'succeeded', 'succeeded']);
      assert.equal(await undone.getByText('Compensated', { exact: true }).count(), 3);
      const marks = details.locator('.timeline li[data-kind="saga"]');
      assert.deepEqual(await attribute(marks, 'data-state'), ['STARTED', 'COMPENSATING', 'COMPENSATED']);
      await details.getByText('Compensating, in reverse order').waitFor();
      await page.screenshot({ path: join(shots, 'ticketing.png'), fullPage: true });
    },
  );

  await t.test(
    'a confirmed reservation: six steps succeeded, payment captured; its correlation id opens its logs',
    async () => {
      const confirmed = page.locator('.reservations tr[data-state="confirmada"]').first();
      await confirmed.locator('button').click();
      const details = page.locator('.reservation-details');
      await details.locator('dl[data-state="confirmada"]').waitFor();
      await details.locator('.saga-status[data-saga="COMPLETED"]').waitFor();
      await details.locator('.payment[data-state="capturado"]').getByText('Captured').waitFor();
      const steps = details.locator('.timeline li[data-kind="step"]');
      assert.deepEqual(await attribute(steps, 'data-paso'), [
        'abrir-reserva',
        'retener-asientos',
        'cobrar-pago',
        'confirmar-asientos',
        'registrar-compra',
        'publicar-resultado',
      ]);
      assert.deepEqual(new Set(await attribute(steps, 'data-outcome')), new Set(['succeeded']));
      assert.equal(await details.locator('.timeline li[data-kind="compensation"]').count(), 0);

      const link = details.locator('a.correlation');
      const correlationId = (await link.getAttribute('data-correlation-id')) ?? '';
      await link.click();
      await page.waitForURL(`**/console/logs?correlationId=${correlationId}`);
      await page.locator('tr[data-topic="logs-reservations"]').first().waitFor();
      await page.locator('tr[data-topic="logs-payments"]').first().waitFor();
      await page.goBack();
      await page.locator('.reservation-details dl[data-state="confirmada"]').waitFor();
    },
  );

  await t.test('sales move live: a sale made meanwhile shows without reloading', async () => {
    const [, ben] = users as [string, string];
    assert.equal((await api.reserve(ben, eventoId, 1)).status, 201);
    const row = eventRow(page, eventoId);
    await capacity(row, { sold: 6, held: 0, available: 4 }).waitFor();
    await tally(row, 'confirmada', 3).waitFor();
    await waitForCount(page.locator('.reservations tr[data-reserva-id]'), 4);
  });

  await t.test('the mailbox: the emails the notifications sent, as the SMTP server received them', async () => {
    const mailbox = page.locator('.mailbox');
    const declinedMail = mailbox.locator('li', { hasText: 'No pudimos completar tu reserva' }).first();
    await declinedMail.waitFor({ timeout: 20_000 });
    await mailbox.locator('li', { hasText: 'Reserva confirmada' }).first().waitFor();
    await mailbox.locator('li', { hasText: 'Bienvenido/a a EventFlow' }).first().waitFor();
    await declinedMail.locator('summary').click();
    await declinedMail.getByText('el pago fue rechazado', { exact: false }).waitFor();
    await mailbox
      .getByLabel('Notifications')
      .getByText(/\d+ sent/)
      .waitFor();
  });
});

/** The gateway's ticketing API, as the test needs it. */
function client(url: string) {
  const send = async (method: string, path: string, body: unknown) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const tag = String(Date.now()).slice(-7);
  return {
    user: async (i: number) => {
      const created = await send('POST', '/api/usuarios', {
        tipo_documento: 'DNI',
        nro_documento: `${tag}${i}`,
        nombre: `Buyer ${i}`,
        apellido: 'E2E',
        email: `buyer${i}.${tag}@example.test`,
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      return String(created.body['usuario_id']);
    },
    reserve: (usuario_id: string, evento_id: string, cantidad: number) =>
      send('POST', '/api/reservar', { usuario_id, evento_id, cantidad }),
    declineRate: async (tasa_rechazo: number) => {
      const changed = await send('PUT', '/api/proveedor-pagos/control', { tasa_rechazo });
      assert.equal(changed.status, 200, JSON.stringify(changed.body));
    },
  };
}

async function reserveFromForm(page: Page, usuarioId: string, eventoId: string, cantidad: number): Promise<void> {
  const form = page.getByRole('form', { name: 'Reserve tickets' });
  await form.getByLabel('User id (usuario_id)').fill(usuarioId);
  await form.getByLabel('Event id (evento_id)').fill(eventoId);
  await form.getByLabel('Tickets (cantidad)').fill(String(cantidad));
  await form.getByRole('button', { name: 'Reserve' }).click();
}

/** The panel a form is in (its answer shows under the form). */
const panelOf = (page: Page, form: Locator): Locator => page.locator('.panel', { has: form });

const eventRow = (page: Page, eventoId: string): Locator => page.locator(`tr[data-evento-id="${eventoId}"]`);

function capacity(row: Locator, seats: { sold: number; held: number; available: number }): Locator {
  return row.locator(
    `.capacity[data-sold="${seats.sold}"][data-held="${seats.held}"][data-available="${seats.available}"][data-total="10"]`,
  );
}

function tally(row: Locator, estado: string, count: number): Locator {
  return row.locator(`.tally[data-state="${estado}"] .tally-value`).getByText(String(count), { exact: true });
}

const attribute = (items: Locator, name: string): Promise<Array<string | null>> =>
  items.evaluateAll((elements, attr) => elements.map((element) => element.getAttribute(attr)), name);

/** Waits until exactly `count` elements match (lists are polled: they settle within a few seconds). */
async function waitForCount(items: Locator, count: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = await items.count();
    if (now === count) return;
    if (Date.now() > deadline) assert.fail(`expected ${count} rows, saw ${now}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
