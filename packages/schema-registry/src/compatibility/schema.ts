import { isDeepStrictEqual } from 'node:util';

/** A JSON Schema as stored: an object, or `true` / `false`. */
export type JsonSchema = boolean | SchemaObject;
export type SchemaObject = Readonly<Record<string, unknown>>;

/** Keywords the checker understands. */
export const understood = new Set([
  'type',
  'enum',
  'const',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'minItems',
  'maxItems',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'anyOf',
  'oneOf',
]);

/** Keywords that never change what validates. */
export const annotations = new Set([
  'title',
  'description',
  'default',
  'examples',
  '$comment',
  '$schema',
  '$id',
  'deprecated',
  'readOnly',
  'writeOnly',
]);

export function asObject(schema: unknown): SchemaObject | boolean {
  if (typeof schema === 'boolean') return schema;
  if (typeof schema === 'object' && schema !== null && !Array.isArray(schema)) return schema as SchemaObject;
  return true;
}

/** True when the schema constrains nothing (`true`, `{}`, or annotations only). */
export function acceptsAnything(schema: SchemaObject | boolean): boolean {
  if (typeof schema === 'boolean') return schema;
  return Object.keys(schema).every((key) => annotations.has(key));
}

/** The JSON types a schema allows, or undefined for any. `integer` is kept apart from `number`. */
export function typesOf(schema: SchemaObject): readonly string[] | undefined {
  const type = schema['type'];
  if (typeof type === 'string') return [type];
  if (Array.isArray(type)) return type.filter((t): t is string => typeof t === 'string');
  return undefined;
}

/** The only values a schema allows (`const` or `enum`), or undefined. */
export function valuesOf(schema: SchemaObject): readonly unknown[] | undefined {
  if ('const' in schema) return [schema['const']];
  const values = schema['enum'];
  return Array.isArray(values) ? values : undefined;
}

export function includesValue(values: readonly unknown[], value: unknown): boolean {
  return values.some((candidate) => isDeepStrictEqual(candidate, value));
}

export function allows(types: readonly string[] | undefined, type: string): boolean {
  return types === undefined || types.includes(type) || (type === 'integer' && types.includes('number'));
}

export function properties(schema: SchemaObject): Readonly<Record<string, unknown>> {
  const value = schema['properties'];
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

export function required(schema: SchemaObject): readonly string[] {
  const value = schema['required'];
  return Array.isArray(value) ? value.filter((name): name is string => typeof name === 'string') : [];
}

export function numberAt(schema: SchemaObject, keyword: string): number | undefined {
  const value = schema[keyword];
  return typeof value === 'number' ? value : undefined;
}

export function show(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
}

/** Which side of the check is the schema being registered: it reads old data, or old readers read it. */
export type NewSide = 'reader' | 'writer';

export interface Side {
  readonly newIs: NewSide;
  /** A field's name for messages: `'price'`, `'seat.row'`, `'seats[]'`; '' at the root. */
  readonly path: string;
}

export function where(path: string): string {
  return path === '' ? 'the event' : `'${path}'`;
}
