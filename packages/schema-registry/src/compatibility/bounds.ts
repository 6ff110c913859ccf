import { allows, numberAt, typesOf, where, type SchemaObject, type Side } from './schema.ts';

interface Bound {
  readonly value: number;
  readonly exclusive: boolean;
}

/** Numeric, length and count bounds, `multipleOf`, `pattern` and `format`: the reader must not be tighter. */
export function boundIssues(reader: SchemaObject, writer: SchemaObject, side: Side): string[] {
  const wt = typesOf(writer);
  const issues: string[] = [];
  const name = where(side.path);
  const changed = (what: string, r: unknown, w: unknown) => {
    const [older, newer] = side.newIs === 'reader' ? [w, r] : [r, w];
    issues.push(`changed ${what} of ${name} from ${text(older)} to ${text(newer)}`);
  };
  if (allows(wt, 'number') || allows(wt, 'integer')) {
    const rl = lower(reader);
    const wl = lower(writer);
    if (
      rl !== undefined &&
      (wl === undefined || wl.value < rl.value || (wl.value === rl.value && rl.exclusive && !wl.exclusive))
    ) {
      changed('the minimum', describe(rl, '>'), describe(wl, '>'));
    }
    const ru = upper(reader);
    const wu = upper(writer);
    if (
      ru !== undefined &&
      (wu === undefined || wu.value > ru.value || (wu.value === ru.value && ru.exclusive && !wu.exclusive))
    ) {
      changed('the maximum', describe(ru, '<'), describe(wu, '<'));
    }
    const rm = numberAt(reader, 'multipleOf');
    const wm = numberAt(writer, 'multipleOf');
    if (rm !== undefined && (wm === undefined || !Number.isInteger(wm / rm))) changed('multipleOf', rm, wm);
  }
  if (allows(wt, 'string')) {
    count(reader, writer, 'minLength', 'maxLength', changed);
    for (const keyword of ['pattern', 'format']) {
      if (reader[keyword] !== undefined && reader[keyword] !== writer[keyword]) {
        changed(keyword, reader[keyword], writer[keyword]);
      }
    }
  }
  if (allows(wt, 'array')) count(reader, writer, 'minItems', 'maxItems', changed);
  return issues;
}

function count(
  reader: SchemaObject,
  writer: SchemaObject,
  min: string,
  max: string,
  changed: (what: string, r: unknown, w: unknown) => void,
): void {
  const rl = numberAt(reader, min);
  const wl = numberAt(writer, min);
  if (rl !== undefined && rl > 0 && (wl === undefined || wl < rl)) changed(min, rl, wl);
  const ru = numberAt(reader, max);
  const wu = numberAt(writer, max);
  if (ru !== undefined && (wu === undefined || wu > ru)) changed(max, ru, wu);
}

function lower(schema: SchemaObject): Bound | undefined {
  return tightest(numberAt(schema, 'minimum'), numberAt(schema, 'exclusiveMinimum'), (a, b) => a > b);
}

function upper(schema: SchemaObject): Bound | undefined {
  return tightest(numberAt(schema, 'maximum'), numberAt(schema, 'exclusiveMaximum'), (a, b) => a < b);
}

function tightest(
  inclusive: number | undefined,
  exclusive: number | undefined,
  tighter: (a: number, b: number) => boolean,
): Bound | undefined {
  if (exclusive === undefined) return inclusive === undefined ? undefined : { value: inclusive, exclusive: false };
  if (inclusive === undefined || !tighter(inclusive, exclusive)) return { value: exclusive, exclusive: true };
  return { value: inclusive, exclusive: false };
}

function describe(bound: Bound | undefined, strict: string): string | undefined {
  if (bound === undefined) return undefined;
  return bound.exclusive ? `${strict}${bound.value}` : String(bound.value);
}

function text(value: unknown): string {
  if (value === undefined) return 'none';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
