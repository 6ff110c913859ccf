// The re-identification attacker of the export's tests. It holds everything the platform holds: every
// user document (ids, sealed personal data it can open, blind indexes, purchases), the platform's keys
// and this service's code (so it can re-run the anonymiser's own decisions). For every exported row it
// lists the users the row could be, by every linkage it knows; a row with fewer than k is a success.
import { createHash, createHmac } from 'node:crypto';
import { pseudonym, type Keyring } from '@eventflow/privacy';
import type { PersonalData } from '../../users/personal-data.ts';
import type { UserDocument } from '../../users/user.ts';
import { rowsAt } from '../anonymise.ts';
import { ClassTable } from '../class-table.ts';
import { eventLevels, generalise, poolLevel, rowKey, type ExportRow, type Level } from '../generalise.ts';
import type { AnonymousRow } from '../export-stream.ts';
import { planLevels } from '../plan.ts';

export interface Knowledge {
  /** Every user document, as stored. */
  readonly database: readonly UserDocument[];
  /** Each user's personal data, opened with their data key (absent once erased). */
  readonly people: ReadonlyMap<string, PersonalData>;
  readonly keys: Keyring;
  /** The export's public settings: the attacker re-runs its rules with them. */
  readonly k: number;
  readonly suppressionBudget?: number;
}

export interface Attack {
  /** Per linkage, the fewest users any exported row could be (Infinity with no rows). */
  readonly fewestCandidates: Readonly<Record<'containment' | 'simulation', number>>;
  /** Rows the attacker tied to fewer than k users, with how. */
  readonly singledOut: readonly { readonly row: AnonymousRow; readonly by: string; readonly candidates: number }[];
  /** Class ids that equal something computed from a user or from the row with a platform key. */
  readonly keyedMatches: readonly string[];
  /** Identifiers or personal data found in the export's text. */
  readonly leaks: readonly string[];
}

export function attack(knowledge: Knowledge, rows: readonly AnonymousRow[], text: string): Attack {
  const singledOut: { row: AnonymousRow; by: string; candidates: number }[] = [];
  const fewest = { containment: Infinity, simulation: Infinity };
  const simulated = simulate(knowledge);
  const seen = new Set<string>();
  for (const row of rows) {
    const key = rowKey(row);
    if (seen.has(key)) continue;
    seen.add(key);
    const counts = {
      containment: containment(knowledge.database, row).size,
      simulation: simulated.get(key)?.size ?? 0,
    };
    for (const by of ['containment', 'simulation'] as const) {
      fewest[by] = Math.min(fewest[by], counts[by]);
      if (counts[by] < knowledge.k) singledOut.push({ row, by, candidates: counts[by] });
    }
  }
  return {
    fewestCandidates: fewest,
    singledOut,
    keyedMatches: keyedMatches(knowledge, rows),
    leaks: leaks(knowledge, text),
  };
}

const fields = ['tipo_documento', 'alta', 'evento_id', 'fecha', 'cantidad', 'importe'] as const;
const allLevels: readonly Level[] = [...eventLevels, poolLevel];

/**
 * Linkage by the public hierarchy: the users with a purchase (or no purchase, for a row without one)
 * that each of the row's fields could have come from, at any level, field by field (so a row made by
 * some other rule is matched too). Exact matching of a purchase history is every field at level 0.
 */
export function containment(database: readonly UserDocument[], row: ExportRow): Set<string> {
  const candidates = new Set<string>();
  for (const user of database) {
    const items = user.compras.length === 0 ? [undefined] : user.compras;
    const fits = (compra: (typeof items)[number]) => {
      const possible = allLevels.map((level) => generalise(level, user, compra));
      return fields.every((field) => possible.some((generalised) => generalised[field] === row[field]));
    };
    if (items.some(fits)) candidates.add(user._id);
  }
  return candidates;
}

/**
 * The anonymiser re-run by the attacker on the full database: each event's level decided as the
 * service decides it, then every user's rows as the service would write them; a row's candidates are
 * the users who would have written it. The strongest linkage: it knows which purchases went where.
 */
function simulate(knowledge: Knowledge): Map<string, Set<string>> {
  const tables = eventLevels.map(() => new ClassTable(Number.MAX_SAFE_INTEGER));
  for (const user of knowledge.database) {
    for (const level of eventLevels) tables[level]?.addUser(rowsAt(() => level, user));
  }
  const plan = planLevels(tables, knowledge.k, knowledge.suppressionBudget ?? 0.05);
  const levelOf = (event: string | null): Level => plan.get(event) ?? poolLevel;
  const writers = new Map<string, Set<string>>();
  for (const user of knowledge.database) {
    for (const row of rowsAt(levelOf, user)) {
      const key = rowKey(row);
      writers.set(key, (writers.get(key) ?? new Set()).add(user._id));
    }
  }
  return writers;
}

/** Every keyed or plain hash the platform's keys make of a user or of a row, against the class ids. */
function keyedMatches(knowledge: Knowledge, rows: readonly AnonymousRow[]): string[] {
  const { keys } = knowledge;
  const platformKeys = [
    ...keys.ids.map((id) => keys.byId(id)?.key),
    ...['pseudonym', 'blind-index/documento', 'blind-index/email', 'export', 'exportar'].map((p) => keys.derived(p)),
  ].filter((key) => key !== undefined);
  const tokens = new Set<string>();
  const add = (token: string) => {
    tokens.add(token);
    tokens.add(token.slice(0, 16));
  };
  for (const user of knowledge.database) {
    add(user._id);
    add(pseudonym(keys, user._id));
    add(createHash('sha256').update(user._id).digest('base64url'));
    for (const key of platformKeys) add(createHmac('sha256', key).update(user._id).digest('base64url'));
  }
  for (const row of rows) {
    for (const key of platformKeys) add(createHmac('sha256', key).update(rowKey(row)).digest('base64url'));
    add(createHash('sha256').update(rowKey(row)).digest('base64url'));
  }
  return [...new Set(rows.map((row) => row.clase))].filter((clase) => tokens.has(clase));
}

/** Ids, personal data, sealed values and blind indexes of every user, looked for in the text. */
function leaks(knowledge: Knowledge, text: string): string[] {
  const found: string[] = [];
  for (const user of knowledge.database) {
    const person = knowledge.people.get(user._id);
    const values = [
      user._id,
      ...user.compras.map((compra) => compra.reserva_id),
      ...(user.personales === null ? [] : sealedValues(user.personales)),
      user.claves.documento,
      user.claves.email,
      ...(person === undefined ? [] : [person.email, person.nro_documento, `${person.nombre} ${person.apellido}`]),
    ];
    for (const value of values) if (text.includes(value)) found.push(value);
  }
  return found;
}

function sealedValues(sealed: NonNullable<UserDocument['personales']>): string[] {
  return [sealed.nro_documento, sealed.nombre, sealed.apellido, sealed.email];
}
