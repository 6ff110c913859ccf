import { isDeepStrictEqual } from 'node:util';
import { boundIssues } from './bounds.ts';
import {
  acceptsAnything,
  allows,
  annotations,
  asObject,
  includesValue,
  properties,
  required,
  show,
  typesOf,
  understood,
  valuesOf,
  where,
  type SchemaObject,
  type Side,
} from './schema.ts';

export type { NewSide, Side } from './schema.ts';

const child = (side: Side, name: string): Side => ({ ...side, path: side.path === '' ? name : `${side.path}.${name}` });

/**
 * Why some value valid under `writer` may be invalid under `reader` (empty: every writer value reads).
 * Sound for the keywords in `understood`; other keywords must be equal on both sides or are reported.
 */
export function readIssues(readerSchema: unknown, writerSchema: unknown, side: Side): string[] {
  const reader = asObject(readerSchema);
  const writer = asObject(writerSchema);
  if (writer === false || reader === true || acceptsAnything(reader)) return [];
  if (reader === false) return [`${where(side.path)} accepts nothing on the reading side`];
  let w: SchemaObject = writer === true ? {} : writer;
  const alternatives = w['anyOf'] ?? w['oneOf'];
  if (Array.isArray(alternatives)) {
    // The writer's own other keywords only narrow it; dropping them is conservative.
    return alternatives.flatMap((branch) => readIssues(reader, branch, side));
  }
  const typeProblems = typeIssues(reader, w, side);
  const rt = typesOf(reader);
  const wt = typesOf(w);
  if (typeProblems.length > 0 && rt !== undefined && wt !== undefined) {
    // Reported once, here; the rest is checked for the types both sides share.
    const shared = wt.filter((type) => allows(rt, type));
    if (shared.length === 0) return typeProblems;
    w = { ...w, type: shared.length === 1 ? shared[0] : shared };
  }
  const types = typesOf(w);
  if (types !== undefined && types.length > 1) {
    return [...typeProblems, ...types.flatMap((type) => readIssues(reader, { ...w, type }, side))];
  }
  return [...typeProblems, ...singleIssues(reader, w, side)];
}

function singleIssues(reader: SchemaObject, w: SchemaObject, side: Side): string[] {
  const readerAlternatives = reader['anyOf'] ?? reader['oneOf'];
  if (Array.isArray(readerAlternatives)) return alternativesIssues(reader, readerAlternatives, w, side);
  return [
    ...unknownKeywordIssues(reader, w, side),
    ...valueIssues(reader, w, side),
    ...objectIssues(reader, w, side),
    ...arrayIssues(reader, w, side),
    ...boundIssues(reader, w, side),
  ];
}

function alternativesIssues(reader: SchemaObject, alternatives: unknown[], writer: SchemaObject, side: Side): string[] {
  const rest = Object.fromEntries(Object.entries(reader).filter(([key]) => key !== 'anyOf' && key !== 'oneOf'));
  const base = readIssues(rest, writer, side);
  if (alternatives.some((branch) => readIssues(branch, writer, side).length === 0)) return base;
  const wt = typesOf(writer)?.join(' | ') ?? 'any type';
  return [...base, `${where(side.path)} (${wt}) matches none of the alternatives on the reading side`];
}

function unknownKeywordIssues(reader: SchemaObject, writer: SchemaObject, side: Side): string[] {
  const keys = new Set([...Object.keys(reader), ...Object.keys(writer)]);
  return [...keys]
    .filter((key) => !understood.has(key) && !annotations.has(key) && !isDeepStrictEqual(reader[key], writer[key]))
    .map((key) => `keyword '${key}' of ${where(side.path)} changed, and the checker does not understand it`);
}

function typeIssues(reader: SchemaObject, writer: SchemaObject, side: Side): string[] {
  const rt = typesOf(reader);
  if (rt === undefined) return [];
  const wt = typesOf(writer);
  if (wt !== undefined && wt.every((type) => allows(rt, type))) return [];
  const [older, newer] = side.newIs === 'reader' ? [wt, rt] : [rt, wt];
  const name = (types: readonly string[] | undefined) => (types === undefined ? 'any type' : types.join(' | '));
  return [`changed type of ${where(side.path)} from ${name(older)} to ${name(newer)}`];
}

function valueIssues(reader: SchemaObject, writer: SchemaObject, side: Side): string[] {
  const rv = valuesOf(reader);
  if (rv === undefined) return [];
  const wv = valuesOf(writer);
  if (wv === undefined) {
    return side.newIs === 'reader'
      ? [`restricted ${where(side.path)} to the values ${JSON.stringify(rv)}`]
      : [`removed the list of allowed values of ${where(side.path)}`];
  }
  return wv
    .filter((value) => !includesValue(rv, value))
    .map((value) =>
      side.newIs === 'reader'
        ? `removed enum value ${show(value)} from ${where(side.path)}`
        : `added enum value ${show(value)} to ${where(side.path)}`,
    );
}

function objectIssues(reader: SchemaObject, writer: SchemaObject, side: Side): string[] {
  if (!allows(typesOf(writer), 'object')) return [];
  const rp = properties(reader);
  const wp = properties(writer);
  const writerRequired = required(writer);
  const issues: string[] = [];
  for (const name of required(reader)) {
    if (writerRequired.includes(name) || hasDefault(rp[name])) continue;
    const field = child(side, name).path;
    if (side.newIs === 'reader') issues.push(`added required field '${field}' without default`);
    else if (name in wp) issues.push(`made required field '${field}' optional`);
    else issues.push(`removed required field '${field}'`);
  }
  const readerExtra = reader['additionalProperties'];
  const writerExtra = writer['additionalProperties'];
  for (const name of new Set([...Object.keys(rp), ...Object.keys(wp)])) {
    const inner = child(side, name);
    if (name in rp && name in wp) issues.push(...readIssues(rp[name], wp[name], inner));
    else if (name in wp && readerExtra === false) {
      issues.push(
        side.newIs === 'reader'
          ? `removed field '${inner.path}' while additional properties are not allowed`
          : `added field '${inner.path}' that the old schema does not allow`,
      );
    } else if (name in wp && readerExtra !== undefined) issues.push(...readIssues(readerExtra, wp[name], inner));
    else if (name in rp && writerExtra !== undefined && writerExtra !== false && writerExtra !== true) {
      issues.push(...readIssues(rp[name], writerExtra, inner));
    }
  }
  if (readerExtra === false && writerExtra !== false) {
    issues.push(`${where(side.path)} no longer allows additional properties`);
  } else if (readerExtra !== undefined && readerExtra !== false && writerExtra !== false) {
    issues.push(...readIssues(readerExtra, writerExtra ?? true, child(side, '*')));
  }
  return issues;
}

function hasDefault(schema: unknown): boolean {
  return typeof schema === 'object' && schema !== null && 'default' in schema;
}

function arrayIssues(reader: SchemaObject, writer: SchemaObject, side: Side): string[] {
  if (!allows(typesOf(writer), 'array') || !('items' in reader)) return [];
  const ri = reader['items'];
  const wi = writer['items'] ?? true;
  if (Array.isArray(ri) || Array.isArray(wi)) {
    return isDeepStrictEqual(ri, wi) ? [] : [`tuple items of ${where(side.path)} changed`];
  }
  return readIssues(ri, wi, { ...side, path: `${side.path}[]` });
}
