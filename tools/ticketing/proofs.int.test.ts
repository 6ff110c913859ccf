// Issue 10's proofs on the distributed platform: a process per service on Kafka, PostgreSQL,
// MongoDB (FerretDB) and Redis.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  audit,
  awaitSettled,
  createEvent,
  createUsers,
  listReservations,
  sendCrowd,
} from '@eventflow/ticketing/driver';
import { ticketingDistributed } from './distributed.ts';
import { assertBooksBalance, crowdProof, perUserLimitProof } from './proofs.ts';

test('distributed: 2,000 concurrent reservations for 100 seats, a fifth declined: never oversold, books balance; one user’s concurrent requests stay within the per-user limit', async (t) => {
  const platform = await ticketingDistributed(t, 'ticketing-proof', {
    PAYMENT_PROVIDER_DECLINE_RATE: '0.2',
    PAYMENT_PROVIDER_LATENCY_MS: '1-5',
  });
  await crowdProof(platform.url, { requests: 2_000, aforo: 100, usuarios: 200 });
  // On PostgreSQL, concurrent transactions: the per-user limit holds under a lock, not by luck.
  await perUserLimitProof(platform.url);
});

test('distributed: the reservations process killed with SIGKILL mid-saga and restarted: every saga ends, seats conserved', async (t) => {
  const platform = await ticketingDistributed(t, 'ticketing-crash', {
    PAYMENT_PROVIDER_LATENCY_MS: '150-300',
    PAYMENT_PROVIDER_DECLINE_RATE: '0.2',
    RESERVATIONS_WAIT_MS: '0',
    RESERVATIONS_SAGA_LEASE_MS: '3000',
  });
  const url = platform.url;
  const usuarios = await createUsers(url, 40);
  const aforo = 60;
  const evento = await createEvent(url, aforo, { max_entradas_por_usuario: 100 });
  // Every request answers 202 at once (no wait): sagas are in flight when the process dies.
  const crowd = await sendCrowd(url, { requests: 120, concurrency: 40, usuarios, evento_id: evento });
  assert.ok((crowd.byStatus[202] ?? 0) > 0, JSON.stringify(crowd.byStatus));
  const reservations = platform.process('reservations');
  const before = reservations.pid;
  await reservations.kill('SIGKILL');
  const midway = await fetch(`${url}/api/reservas/resumen?evento_id=${evento}`);
  assert.equal(midway.status, 503, 'the gateway says the coordinator is down');
  reservations.start();
  assert.notEqual(reservations.pid, before);
  await awaitSettled(url, evento, { timeoutMs: 180_000 });
  await assertBooksBalance(url, evento, aforo);
  const books = await audit(url, evento);
  assert.ok(books.vendidas > 0);
  // The sagas the dead process held were taken over by the new one (RESUMED in their log).
  const resumed = await Promise.all(
    (await listReservations(url, evento)).map(async (r) => {
      const reserva = (await (await fetch(`${url}/api/reservas/${r.reserva_id}`)).json()) as {
        pasos: Array<{ estado: string }>;
      };
      return reserva.pasos.some((p) => p.estado === 'RESUMED');
    }),
  );
  assert.ok(resumed.some(Boolean), 'some sagas were in flight when the process died, and were resumed');
});
