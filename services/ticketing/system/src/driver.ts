// Drives ticketing through the gateway as its users do: creates people and an event, sends a crowd
// of buyers at it, waits until every reservation has ended, and audits the books — seats, payments
// at the provider, purchase histories. The demo, the benchmark and the proofs share it.
import { randomUUID } from 'node:crypto';

export interface Crowd {
  readonly requests: number;
  /** Requests in flight at once (default all of them). */
  readonly concurrency?: number;
  readonly usuarios: readonly string[];
  readonly evento_id: string;
  /** Tickets per request (default 1). */
  readonly cantidad?: number;
  /** Told after each answer, for progress: how many so far, its status, and what it said. */
  readonly onAnswer?: (done: number, status: number, answer: CrowdAnswer) => void;
}

/** One answer to POST /api/reservar, as the crowd saw it. */
export interface CrowdAnswer {
  /** The HTTP status (0: no answer). */
  readonly status: number;
  /** Request sent → whole answer read, in milliseconds. */
  readonly ms: number;
  /** The problem's code when the answer is one (`RESERVA.AGOTADO`, `RESERVA.PAGO_RECHAZADO`, …). */
  readonly code?: string;
  /** The reservation the answer names; absent when the chain refused before creating one. */
  readonly reserva_id?: string;
}

export interface CrowdResult {
  /** Answers by HTTP status. */
  readonly byStatus: Readonly<Record<number, number>>;
  /** Reservations created (201, 202 and the saga's failures: 402, 409 with a reserva_id, 503). */
  readonly reservas: readonly string[];
  /** Requests that got no answer, by what went wrong (status 0 in byStatus). */
  readonly errors: Readonly<Record<string, number>>;
  /** Answers that were problems, by their code (a saga's failure and the chain's refusals alike). */
  readonly byCode: Readonly<Record<string, number>>;
  /** Each request's latency (sent → whole answer read), in milliseconds, in the order they ended. */
  readonly latenciesMs: readonly number[];
  readonly elapsedMs: number;
}

export interface Audit {
  readonly aforo: number;
  readonly vendidas: number;
  readonly disponibles: number;
  readonly retenidas: number;
  readonly oversold: number;
  readonly reservas: { readonly confirmada: number; readonly fallida: number; readonly pendiente: number };
  readonly entradasConfirmadas: number;
  readonly pagos: Readonly<Record<string, number>>;
  readonly proveedor: { readonly cargos_capturados: number; readonly reembolsos: number };
  readonly compensaciones: number;
}

async function json<T>(response: Response, expected: number[], what: string): Promise<T> {
  const text = await response.text();
  if (!expected.includes(response.status)) throw new Error(`${what}: ${response.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

export async function createUsers(gateway: string, count: number, tag = randomUUID().slice(0, 8)): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < count; start += 50) {
    const batch = Array.from({ length: Math.min(50, count - start) }, (_, i) => start + i);
    const created = await Promise.all(
      batch.map(async (i) => {
        const response = await post(`${gateway}/api/usuarios`, {
          tipo_documento: 'DNI',
          nro_documento: `${tag}${String(i).padStart(6, '0')}`,
          nombre: `Persona ${i}`,
          apellido: `Prueba ${tag}`,
          email: `persona${i}.${tag}@example.test`,
        });
        return (await json<{ usuario_id: string }>(response, [201], 'POST /api/usuarios')).usuario_id;
      }),
    );
    ids.push(...created);
  }
  return ids;
}

export async function createEvent(
  gateway: string,
  aforo: number,
  options: { precio?: number; nombre?: string; max_entradas_por_usuario?: number } = {},
): Promise<string> {
  const response = await post(`${gateway}/api/eventos`, {
    nombre: options.nombre ?? `Concierto ${randomUUID().slice(0, 6)}`,
    fecha: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    lugar: 'Teatro Solís, Montevideo',
    aforo_total: aforo,
    precio: options.precio ?? 25,
    ...(options.max_entradas_por_usuario === undefined
      ? {}
      : { max_entradas_por_usuario: options.max_entradas_por_usuario }),
  });
  return (await json<{ evento_id: string }>(response, [201], 'POST /api/eventos')).evento_id;
}

/** Sends the crowd: each request a random user of the list, one Idempotency-Key each. */
export async function sendCrowd(gateway: string, crowd: Crowd): Promise<CrowdResult> {
  const began = performance.now();
  const byStatus: Record<number, number> = {};
  const reservas: string[] = [];
  const errors: Record<string, number> = {};
  const byCode: Record<string, number> = {};
  const latenciesMs: number[] = [];
  let next = 0;
  let done = 0;
  const one = async (i: number) => {
    const usuario_id = crowd.usuarios[i % crowd.usuarios.length] ?? '';
    let status = 0;
    let body: { reserva_id?: unknown; code?: unknown } = {};
    const sent = performance.now();
    try {
      const response = await post(
        `${gateway}/api/reservar`,
        { usuario_id, evento_id: crowd.evento_id, cantidad: crowd.cantidad ?? 1 },
        { 'idempotency-key': `crowd-${randomUUID()}` },
      );
      status = response.status;
      body = ((await response.json().catch(() => ({}))) ?? {}) as typeof body;
      if (typeof body.reserva_id === 'string') reservas.push(body.reserva_id);
    } catch (error) {
      status = 0;
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const what = cause?.code ?? cause?.message ?? (error as Error).message;
      errors[what] = (errors[what] ?? 0) + 1;
    }
    const ms = performance.now() - sent;
    latenciesMs.push(ms);
    const code = status >= 400 && typeof body.code === 'string' ? body.code : undefined;
    if (code !== undefined) byCode[code] = (byCode[code] ?? 0) + 1;
    byStatus[status] = (byStatus[status] ?? 0) + 1;
    done += 1;
    crowd.onAnswer?.(done, status, {
      status,
      ms,
      ...(code === undefined ? {} : { code }),
      ...(typeof body.reserva_id === 'string' ? { reserva_id: body.reserva_id } : {}),
    });
  };
  const lanes = Math.min(crowd.concurrency ?? crowd.requests, crowd.requests);
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < crowd.requests) await one(next++);
    }),
  );
  return { byStatus, reservas, errors, byCode, latenciesMs, elapsedMs: performance.now() - began };
}

interface Tally {
  reservas: number;
  entradas: number;
}

/** Waits until no reservation of the event is pending (or the time is up); resolves the counts. */
export async function awaitSettled(
  gateway: string,
  eventoId: string,
  options: { timeoutMs?: number; onPoll?: (pending: number) => void } = {},
): Promise<Record<'pendiente' | 'confirmada' | 'fallida', Tally>> {
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    const response = await fetch(`${gateway}/api/reservas/resumen?evento_id=${eventoId}`).catch(() => undefined);
    // The coordinator may be restarting (a crash test, a deploy): ask again.
    if (response === undefined || response.status === 503) {
      await response?.body?.cancel();
      if (Date.now() > deadline) throw new Error('the reservations service did not answer');
      await new Promise((resolve) => setTimeout(resolve, 250));
      continue;
    }
    const counts = await json<Record<'pendiente' | 'confirmada' | 'fallida', Tally>>(response, [200], 'resumen');
    options.onPoll?.(counts.pendiente.reservas);
    if (counts.pendiente.reservas === 0) return counts;
    if (Date.now() > deadline) throw new Error(`${counts.pendiente.reservas} reservation(s) still pending`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Pages through the reservations of one event. */
export async function listReservations(
  gateway: string,
  eventoId: string,
): Promise<
  Array<{ reserva_id: string; estado: string; cantidad: number; usuario_seudonimo: string; codigo: string | null }>
> {
  const all: Array<{
    reserva_id: string;
    estado: string;
    cantidad: number;
    usuario_seudonimo: string;
    codigo: string | null;
  }> = [];
  let after: string | undefined;
  for (;;) {
    const query = new URLSearchParams({ evento_id: eventoId, limit: '500', ...(after === undefined ? {} : { after }) });
    const page = await json<typeof all>(await fetch(`${gateway}/api/reservas?${query}`), [200], 'GET /api/reservas');
    all.push(...page);
    if (page.length < 500) return all;
    after = page.at(-1)?.reserva_id;
  }
}

/** The books of one event once it has settled. */
export async function audit(gateway: string, eventoId: string): Promise<Audit> {
  const inventario = await json<{ aforo_total: number; vendidas: number; disponibles: number; retenidas: number }>(
    await fetch(`${gateway}/api/inventario/${eventoId}`),
    [200],
    'GET /api/inventario',
  );
  const counts = await json<Record<'pendiente' | 'confirmada' | 'fallida', Tally>>(
    await fetch(`${gateway}/api/reservas/resumen?evento_id=${eventoId}`),
    [200],
    'resumen',
  );
  const pagos = await json<{ por_estado: Record<string, number> }>(
    await fetch(`${gateway}/api/pagos/resumen`),
    [200],
    'GET /api/pagos/resumen',
  );
  const proveedor = await json<{ cargos_capturados: number; reembolsos: number }>(
    await fetch(`${gateway}/api/proveedor-pagos/resumen`),
    [200],
    'GET /api/proveedor-pagos/resumen',
  );
  const porEstado = pagos.por_estado;
  return {
    aforo: inventario.aforo_total,
    vendidas: inventario.vendidas,
    disponibles: inventario.disponibles,
    retenidas: inventario.retenidas,
    oversold: Math.max(0, inventario.vendidas - inventario.aforo_total),
    reservas: {
      confirmada: counts.confirmada.reservas,
      fallida: counts.fallida.reservas,
      pendiente: counts.pendiente.reservas,
    },
    entradasConfirmadas: counts.confirmada.entradas,
    pagos: porEstado,
    proveedor: { cargos_capturados: proveedor.cargos_capturados, reembolsos: proveedor.reembolsos },
    compensaciones: counts.fallida.reservas,
  };
}
