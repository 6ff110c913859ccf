// `npm run demo -- ticketing`: issue 10's crowd, shown. Users and an event with fewer seats than
// buyers are created through the gateway; the payment simulator is set to decline a share of the
// charges; a crowd of buyers reserves at once (live progress: answers by status, seats sold); once
// every reservation has ended, the books of the event are audited — sold against capacity, failures
// by reason, payments captured and refunded at payments and at the provider, compensations run —
// and printed as the summary. The simulator's setting is restored at the end.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  audit,
  awaitSettled,
  createEvent,
  createUsers,
  listReservations,
  sendCrowd,
  type Audit,
  type CrowdAnswer,
  type CrowdResult,
} from '@eventflow/ticketing/driver';
import type { Progress } from './progress.ts';
import { table } from './table.ts';

export interface TicketingDemoOptions {
  /** The platform's front door. */
  readonly url: string;
  /** Where summary.txt and reservations.csv go (it exists). */
  readonly outDir: string;
  readonly progress: Progress;
  /** Buyers in the crowd, each one POST /api/reservar for one ticket (default 500). */
  readonly buyers?: number;
  /** The event's capacity (default 50). */
  readonly seats?: number;
  /** The share of charges the payment simulator declines, 0..1 (default 0.2). */
  readonly declineRate?: number;
  /** Requests in flight at once (default: the whole crowd at once). */
  readonly concurrency?: number;
  /** Run at the end, and by the demo's signal handler when it is stopped early. */
  readonly atExit?: (cleanup: () => Promise<void>) => void;
  /** How long the reservations may take to end after the crowd (default 300 s). */
  readonly settleTimeoutMs?: number;
}

/** The codes a reservation fails with, in words. */
const reasons: Readonly<Record<string, string>> = {
  'RESERVA.AGOTADO': 'sold out',
  'RESERVA.PAGO_RECHAZADO': 'payment declined',
  'RESERVA.LIMITE_POR_USUARIO': 'per-user limit',
  'RESERVA.SERVICIO_NO_DISPONIBLE': 'a service unavailable',
  'SAGA.STEP_TIMEOUT': 'a step timed out',
  'EVENTO.NO_A_LA_VENTA': 'event not on sale',
};

interface Inventario {
  readonly aforo_total: number;
  readonly vendidas: number;
  readonly disponibles: number;
  readonly retenidas: number;
}

interface Reserva {
  readonly reserva_id: string;
  readonly usuario_seudonimo: string;
  readonly estado: string;
  readonly codigo: string | null;
}

/** What the demo found for one reservation: its payment and charges, and the compensations its saga ran. */
interface Examined {
  readonly reserva: Reserva;
  /** Its payment's state at the payments service (none: never charged). */
  readonly pago: string | undefined;
  /** Its charges at the provider, by state. */
  readonly cargos: readonly string[];
  /** The compensations that succeeded, by step. */
  readonly compensations: readonly string[];
}

export async function ticketingDemo(options: TicketingDemoOptions): Promise<string> {
  const { url, progress } = options;
  const buyers = options.buyers ?? 500;
  const seats = options.seats ?? 50;
  const declineRate = options.declineRate ?? 0.2;
  const concurrency = options.concurrency ?? buyers;

  // The payment simulator: decline a share of the charges, put back as it was afterwards.
  const before = await getJson<{ tasa_rechazo: number }>(`${url}/api/proveedor-pagos/control`);
  let restored = false;
  const restore = async () => {
    if (restored) return;
    restored = true;
    await putJson(`${url}/api/proveedor-pagos/control`, { tasa_rechazo: before.tasa_rechazo });
    progress.say(`payment simulator: tasa_rechazo back to ${before.tasa_rechazo}`);
  };
  options.atExit?.(restore);
  await putJson(`${url}/api/proveedor-pagos/control`, { tasa_rechazo: declineRate });
  progress.say(`payment simulator: tasa_rechazo ${declineRate} (was ${before.tasa_rechazo})`);
  try {
    return await run(options, { buyers, seats, declineRate, concurrency });
  } finally {
    await restore();
  }
}

async function run(
  options: TicketingDemoOptions,
  p: { buyers: number; seats: number; declineRate: number; concurrency: number },
): Promise<string> {
  const { url, progress } = options;
  // Buyers share users, five each at most 200 users; the per-user limit is set out of the way (100).
  const userCount = Math.min(200, Math.max(1, Math.ceil(p.buyers / 5)));
  progress.say(`creating ${userCount} users through ${url}/api/usuarios`);
  const usuarios = await createUsers(url, userCount);
  const nombre = `Concierto de la demo ${new Date().toISOString().slice(0, 16)}`;
  const eventoId = await createEvent(url, p.seats, { nombre, max_entradas_por_usuario: 100 });
  progress.say(`event ${eventoId} "${nombre}": ${p.seats} seats`);

  // The crowd, with a live line: answers so far by status, seats sold (read from inventory).
  progress.say(`${p.buyers} buyers reserve one ticket each, ${p.concurrency} at once (POST /api/reservar)`);
  const byStatus = new Map<number, number>();
  const refused = new Map<string, number>(); // refused by the checks: no reservation was created
  let answered = 0;
  let seen: Inventario | undefined;
  const sold: number[] = [];
  let polling = true;
  const poller = (async () => {
    while (polling) {
      seen = await getJson<Inventario>(`${url}/api/inventario/${eventoId}`).catch(() => seen);
      if (seen !== undefined) sold.push(seen.vendidas);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  })();
  const line = () =>
    `answers ${answered}/${p.buyers} (${statusLine(byStatus)})` +
    (seen === undefined
      ? ''
      : ` · seats sold ${seen.vendidas}/${seen.aforo_total}, held ${seen.retenidas}, available ${seen.disponibles}`);
  const ticker = setInterval(() => progress.live(line()), 250);
  let crowd: CrowdResult;
  try {
    crowd = await sendCrowd(url, {
      requests: p.buyers,
      concurrency: p.concurrency,
      usuarios,
      evento_id: eventoId,
      onAnswer: (done: number, status: number, answer: CrowdAnswer) => {
        answered = done;
        byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
        if (answer.reserva_id === undefined && status >= 400) {
          const code = answer.code ?? `HTTP ${status}`;
          refused.set(code, (refused.get(code) ?? 0) + 1);
        }
      },
    });
    clearInterval(ticker);
    seen = await getJson<Inventario>(`${url}/api/inventario/${eventoId}`).catch(() => seen);
    progress.live(line(), true);
    progress.say(
      `the crowd was answered in ${(crowd.elapsedMs / 1000).toFixed(1)} s; ` +
        `${crowd.reservas.length} reservations created, ${sumOf(refused)} refused before one was`,
    );
    if (Object.keys(crowd.errors).length > 0) progress.say(`no answer: ${JSON.stringify(crowd.errors)}`);

    await awaitSettled(url, eventoId, {
      timeoutMs: options.settleTimeoutMs ?? 300_000,
      onPoll: (pending) => progress.live(`settling: ${pending} reservation(s) still in their saga · ${line()}`),
    });
    seen = await getJson<Inventario>(`${url}/api/inventario/${eventoId}`).catch(() => seen);
    progress.live(`settled: no reservation pending · ${line()}`, true);
  } finally {
    clearInterval(ticker);
    polling = false;
    await poller;
  }

  const books = await audit(url, eventoId);
  const reservas = (await listReservations(url, eventoId)) as Reserva[];
  progress.say(`auditing ${reservas.length} reservations: payments, charges at the provider, compensations`);
  const examined = await mapLimit(reservas, 16, (r) => examine(url, r));
  const summary = report({ ...p, eventoId, nombre, userCount, crowd, refused, books, examined, sold });
  await writeFile(join(options.outDir, 'summary.txt'), summary);
  await writeFile(join(options.outDir, 'reservations.csv'), reservationsCsv(examined));
  progress.say(`wrote summary.txt and reservations.csv (${examined.length} reservations) to ${options.outDir}`);
  return summary;
}

async function examine(url: string, reserva: Reserva): Promise<Examined> {
  const pagoResponse = await fetch(`${url}/api/pagos/${reserva.reserva_id}`, { signal: AbortSignal.timeout(30_000) });
  const pago =
    pagoResponse.status === 404
      ? (await pagoResponse.body?.cancel(), undefined)
      : (await json<{ estado: string }>(pagoResponse, 'GET /api/pagos/{id}')).estado;
  const { cargos } = await getJson<{ cargos: Array<{ estado: string }> }>(
    `${url}/api/proveedor-pagos/cargos?referencia=${reserva.reserva_id}`,
  );
  let compensations: string[] = [];
  if (reserva.estado !== 'confirmada') {
    const detail = await getJson<{ pasos?: Array<{ paso: string; estado: string }> }>(
      `${url}/api/reservas/${reserva.reserva_id}`,
    );
    compensations = (detail.pasos ?? []).filter((s) => s.estado === 'COMPENSATION_SUCCEEDED').map((s) => s.paso);
  }
  return { reserva, pago, cargos: cargos.map((c) => c.estado), compensations };
}

interface Report {
  readonly buyers: number;
  readonly seats: number;
  readonly declineRate: number;
  readonly concurrency: number;
  readonly eventoId: string;
  readonly nombre: string;
  readonly userCount: number;
  readonly crowd: CrowdResult;
  readonly refused: ReadonlyMap<string, number>;
  readonly books: Audit;
  readonly examined: readonly Examined[];
  readonly sold: readonly number[];
}

function report(r: Report): string {
  const { books, examined } = r;
  const confirmed = examined.filter((e) => e.reserva.estado === 'confirmada');
  const failed = examined.filter((e) => e.reserva.estado === 'fallida');
  const pending = examined.filter((e) => e.reserva.estado === 'pendiente');

  // Failures by reason: refused by the chain of checks (no reservation) and failed in the saga.
  const inSaga = countBy(failed.map((e) => e.reserva.codigo ?? 'RESERVA.FALLIDA'));
  const codes = [...new Set([...r.refused.keys(), ...inSaga.keys()])].sort(
    (a, b) => total(b, r.refused, inSaga) - total(a, r.refused, inSaga),
  );
  const failureRows = codes.map((code) => [
    `${reasons[code] ?? code} (${code})`,
    String(r.refused.get(code) ?? 0),
    String(inSaga.get(code) ?? 0),
    String(total(code, r.refused, inSaga)),
  ]);
  const failedBuyers = sumOf(r.refused) + failed.length;

  const pagos = countBy(examined.map((e) => e.pago ?? 'none'));
  const cargos = countBy(examined.flatMap((e) => e.cargos));
  const compensations = countBy(failed.flatMap((e) => e.compensations));
  const confirmedWithOneCharge = confirmed.filter(
    (e) => e.pago === 'capturado' && e.cargos.length === 1 && e.cargos[0] === 'capturado',
  ).length;
  const failedKeepingMoney = failed.filter(
    (e) => e.pago === 'capturado' || e.cargos.some((c) => c === 'capturado'),
  ).length;
  const noAnswer = r.crowd.byStatus[0] ?? 0;

  const bars = [
    { label: 'confirmed', value: confirmed.length },
    ...codes.map((code) => ({ label: reasons[code] ?? code, value: total(code, r.refused, inSaga) })),
    ...(pending.length > 0 ? [{ label: 'still pending', value: pending.length }] : []),
    ...(noAnswer > 0 ? [{ label: 'no answer', value: noAnswer }] : []),
  ];

  return [
    `Ticketing demo: ${r.buyers} buyers for ${r.seats} seats, ${Math.round(r.declineRate * 100)} % of payments declined`,
    `event ${r.eventoId} "${r.nombre}"; ${r.userCount} users; ${r.concurrency} requests in flight at once`,
    '',
    `sold           ${books.vendidas} / capacity ${books.aforo}   (available ${books.disponibles}, held ${books.retenidas})`,
    `oversold       ${books.oversold}${books.oversold === 0 ? '' : '   ← MORE SOLD THAN THE CAPACITY'}`,
    `confirmed      ${confirmed.length} reservations, ${books.entradasConfirmadas} tickets` +
      `${confirmedWithOneCharge === confirmed.length ? ', each with exactly one captured charge' : `, ${confirmed.length - confirmedWithOneCharge} WITHOUT exactly one captured charge`}`,
    `failed         ${failedBuyers} buyers: ${sumOf(r.refused)} refused by the checks (no reservation made), ` +
      `${failed.length} reservations failed in the saga${pending.length > 0 ? `; ${pending.length} STILL PENDING` : ''}`,
    `answers        ${statusLine(new Map(Object.entries(r.crowd.byStatus).map(([s, n]) => [Number(s), n])))} ` +
      `in ${(r.crowd.elapsedMs / 1000).toFixed(1)} s`,
    '',
    table(['failed, by reason (code)', 'refused by the checks', 'failed in the saga', 'buyers'], failureRows),
    '',
    `payments       captured ${pagos.get('capturado') ?? 0}, declined ${pagos.get('rechazado') ?? 0}, ` +
      `refunded ${pagos.get('reembolsado') ?? 0}, no charge ${pagos.get('sin_cargo') ?? 0}, ` +
      `never charged ${pagos.get('none') ?? 0}   (payments service, this event's reservations)`,
    `provider       charges captured ${cargos.get('capturado') ?? 0}, declined ${cargos.get('rechazado') ?? 0}, ` +
      `refunds ${cargos.get('reembolsado') ?? 0}   (payment simulator, by reference)`,
    `refunds        ${pagos.get('reembolsado') ?? 0} at payments, ${cargos.get('reembolsado') ?? 0} at the provider; ` +
      `failed reservations keeping money: ${failedKeepingMoney}`,
    `compensations  ${sumOf(compensations)} run for ${failed.length} failed reservations` +
      (compensations.size === 0
        ? ''
        : `: ${[...compensations]
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([step, n]) => `${step} ${n}`)
            .join(', ')}`),
    '',
    chart('buyers by outcome', bars),
    `seats sold over time (every 0.5 s): ${sparkline(r.sold, r.seats)} ${r.sold.at(-1) ?? 0}/${r.seats}`,
    '',
  ].join('\n');
}

function reservationsCsv(examined: readonly Examined[]): string {
  const header = ['reserva_id', 'usuario_seudonimo', 'estado', 'codigo', 'pago', 'cargos', 'compensaciones'];
  const rows = examined.map((e) => [
    e.reserva.reserva_id,
    e.reserva.usuario_seudonimo,
    e.reserva.estado,
    e.reserva.codigo ?? '',
    e.pago ?? '',
    e.cargos.join(' '),
    e.compensations.join(' '),
  ]);
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function statusLine(byStatus: ReadonlyMap<number, number>): string {
  const parts = [...byStatus]
    .sort(([a], [b]) => a - b)
    .map(([status, n]) => `${status === 0 ? 'no answer' : status} ×${n}`);
  return parts.length === 0 ? 'none yet' : parts.join(' · ');
}

/** A horizontal bar chart: one bar per row, scaled to the largest. */
export function chart(title: string, bars: ReadonlyArray<{ label: string; value: number }>, width = 40): string {
  const largest = Math.max(0, ...bars.map((b) => b.value));
  const labelWidth = Math.max(0, ...bars.map((b) => b.label.length));
  const lines = bars.map((b) => {
    const eighths = largest === 0 ? 0 : Math.round((b.value / largest) * width * 8);
    const bar = '█'.repeat(Math.floor(eighths / 8)) + ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'][eighths % 8];
    return `  ${b.label.padEnd(labelWidth)} │${bar.padEnd(width)} ${b.value}`;
  });
  return `${title}\n${lines.join('\n')}`;
}

/** Values 0..max as one line of block characters (at most 60, evenly sampled). */
export function sparkline(values: readonly number[], max: number): string {
  if (values.length === 0) return '';
  const blocks = '▁▂▃▄▅▆▇█';
  const step = Math.max(1, values.length / 60);
  const sampled: number[] = [];
  for (let i = 0; i < values.length; i += step) sampled.push(values[Math.floor(i)] ?? 0);
  if (sampled.at(-1) !== values.at(-1)) sampled.push(values.at(-1) ?? 0);
  return sampled.map((v) => blocks[max <= 0 ? 0 : Math.min(7, Math.floor((v / max) * 7.999))] ?? blocks[0]).join('');
}

function countBy(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

function sumOf(counts: ReadonlyMap<string, number>): number {
  let n = 0;
  for (const v of counts.values()) n += v;
  return n;
}

function total(code: string, ...counts: ReadonlyArray<ReadonlyMap<string, number>>): number {
  return counts.reduce((n, c) => n + (c.get(code) ?? 0), 0);
}

async function mapLimit<T, R>(items: readonly T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i] as T);
      }
    }),
  );
  return out;
}

async function json<T>(response: Response, what: string): Promise<T> {
  const text = await response.text();
  if (!response.ok) throw new Error(`${what}: ${response.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  return json<T>(response, `GET ${new URL(url).pathname}`);
}

async function putJson(url: string, body: unknown): Promise<void> {
  const response = await fetch(url, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  await json<unknown>(response, `PUT ${new URL(url).pathname}`);
}
