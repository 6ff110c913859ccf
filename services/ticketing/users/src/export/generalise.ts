// The generalisation hierarchy of the anonymised export: what a row says of a user and of one of
// their purchases at each level, from exact (0) to the pool of rare events (5). The user's attributes
// go first (they matter least to the analysis), then the purchase's day, quantity and amount, then the
// event itself. Pure: no clock, no ids.
import type { Compra } from '@eventflow/ticketing-contracts';

/** What the export reads of a user: never `_id`, `personales` or `claves`. */
export interface ExportedUser {
  readonly tipo_documento: string;
  readonly creado_en: string;
  readonly compras: readonly Pick<Compra, 'evento_id' | 'cantidad' | 'importe' | 'fecha'>[];
}

/** One exported row: a purchase (or a user without any: purchase fields null), generalised. */
export interface ExportRow {
  /** The generalisation level, 0 (exact) to 5 (the event pooled with other rare ones). */
  readonly nivel: Level;
  /** The document type, or `*`. */
  readonly tipo_documento: string;
  /** When the user signed up: `2025-11`, `2025` or `*`. */
  readonly alta: string;
  /** The event, `*` when pooled; null for a user without purchases. */
  readonly evento_id: string | null;
  /** The purchase's day `2025-11-03`, ISO week `2025-W45`, month `2025-11` or year `2025`. */
  readonly fecha: string | null;
  /** Exact (`2`), a band (`3-4`, `10+`) or `*`. */
  readonly cantidad: string | null;
  /** Exact (`90.50`), a band [from, to) (`50-100`: 50 ≤ importe < 100; `1000+`) or `*`. */
  readonly importe: string | null;
}

export type Level = 0 | 1 | 2 | 3 | 4 | 5;
/** Every event's purchases are at one of these; the pool is the last resort of events too rare for any. */
export const eventLevels = [0, 1, 2, 3, 4] as const satisfies readonly Level[];
export const poolLevel: Level = 5;

type ByLevel<T> = readonly [T, T, T, T, T, T];
/** Lower bounds of [from, next from) bands; `exact` keeps the value, `any` says `*`. */
type Bands = readonly number[] | 'exact' | 'any';
type Period = 'day' | 'week' | 'month' | 'quarter' | 'year' | 'all';

const signedUp: ByLevel<Period> = ['month', 'year', 'all', 'all', 'all', 'all'];
const purchased: ByLevel<Period> = ['day', 'day', 'week', 'month', 'year', 'year'];
const quantityBands: ByLevel<Bands> = ['exact', 'exact', [1, 2, 3, 5, 10], [1, 2, 5], 'any', 'any'];
const amountBands: ByLevel<Bands> = [
  'exact',
  'exact',
  [0, 10, 25, 50, 100, 250, 500, 1000],
  [0, 50, 250, 1000],
  'any',
  'any',
];

type Purchase = ExportedUser['compras'][number];

/** The row a user's purchase (or, with `undefined`, the user without purchases) is at `level`. */
export function generalise(level: Level, user: ExportedUser, purchase: Purchase | undefined): ExportRow {
  return {
    nivel: level,
    tipo_documento: level === 0 ? user.tipo_documento : '*',
    alta: period(user.creado_en, signedUp[level]),
    evento_id: purchase === undefined ? null : level === poolLevel ? '*' : purchase.evento_id,
    fecha: purchase === undefined ? null : period(purchase.fecha, purchased[level]),
    cantidad: purchase === undefined ? null : band(purchase.cantidad, quantityBands[level], 0),
    importe: purchase === undefined ? null : band(purchase.importe, amountBands[level], 2),
  };
}

/** A row's identity: rows with the same key are the same equivalence class (and say the same). */
export function rowKey(row: ExportRow): string {
  return JSON.stringify([row.nivel, row.tipo_documento, row.alta, row.evento_id, row.fecha, row.cantidad, row.importe]);
}

export function band(value: number, bands: Bands, decimals: number): string {
  if (bands === 'exact') return value.toFixed(decimals);
  if (bands === 'any') return '*';
  const at = bands.findLastIndex((from) => value >= from);
  const from = bands[Math.max(at, 0)] ?? 0;
  const next = bands[at + 1];
  if (next === undefined) return `${from}+`;
  if (decimals > 0) return `${from}-${next}`;
  // Whole numbers say their band inclusively: [3, 5) is `3-4`, [2, 3) is `2`.
  return next - from === 1 ? String(from) : `${from}-${next - 1}`;
}

/** A UTC instant as the period holding it. */
export function period(iso: string, size: Period): string {
  const date = new Date(iso);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + 1;
  switch (size) {
    case 'day':
      return date.toISOString().slice(0, 10);
    case 'week':
      return isoWeek(date);
    case 'month':
      return `${year}-${String(month).padStart(2, '0')}`;
    case 'quarter':
      return `${year}-Q${Math.ceil(month / 3)}`;
    case 'year':
      return String(year);
    case 'all':
      return '*';
  }
}

/** ISO 8601 week (`2025-W45`): weeks start on Monday, week 1 holds the year's first Thursday. */
export function isoWeek(date: Date): string {
  const day = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(day + (3 - weekday) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}
