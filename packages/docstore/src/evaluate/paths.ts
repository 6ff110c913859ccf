import { isIndexSegment } from '../validate/paths.ts';
import { isPlainObject } from '../validate/values.ts';

/**
 * The values a path reaches in a document, as MongoDB reads paths: through sub-documents, and across
 * an array (one level) into each of its sub-documents, or into one element by a numeric segment.
 * `undefined` stands for "missing here".
 */
export function valuesAt(value: unknown, segments: readonly string[], from = 0): unknown[] {
  if (from === segments.length) return [value];
  const segment = segments[from] ?? '';
  if (Array.isArray(value)) {
    if (isIndexSegment(segment))
      return Number(segment) < value.length ? valuesAt(value[Number(segment)], segments, from + 1) : [undefined];
    return value.filter((element) => isPlainObject(element)).flatMap((element) => valuesAt(element, segments, from));
  }
  if (isPlainObject(value) && Object.hasOwn(value, segment)) return valuesAt(value[segment], segments, from + 1);
  return [undefined];
}

/** The one value a path names (no traversal of arrays but by index), for sorting. */
export function valueAt(value: unknown, segments: readonly string[]): unknown {
  let current = value;
  for (const segment of segments) {
    if (Array.isArray(current) && isIndexSegment(segment)) current = current[Number(segment)];
    else if (isPlainObject(current) && Object.hasOwn(current, segment)) current = current[segment];
    else return undefined;
  }
  return current;
}
