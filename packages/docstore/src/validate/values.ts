/** A plain object (`{}` or `Object.create(null)`), not an array, a Date or a class instance. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Why `value` is not storable JSON (undefined when it is). Documents are JSON on every adapter: no
 * Date (use ISO strings), no NaN or Infinity, no NUL in strings (PostgreSQL's jsonb refuses it).
 * An object property that is `undefined` is left out, as JSON.stringify does.
 */
export function jsonProblem(value: unknown, path: string): { path: string; reason: string } | undefined {
  switch (typeof value) {
    case 'string':
      return value.includes('\u0000') || !value.isWellFormed()
        ? { path, reason: 'a string with a NUL character or a lone surrogate' }
        : undefined;
    case 'number':
      return Number.isFinite(value) ? undefined : { path, reason: `the number ${value}` };
    case 'boolean':
      return undefined;
    case 'object':
      if (value === null) return undefined;
      if (Array.isArray(value)) return arrayProblem(value, path);
      if (isPlainObject(value)) return objectProblem(value, path);
      return { path, reason: `a ${value.constructor.name} (only JSON values are stored)` };
    default:
      return { path, reason: typeof value };
  }
}

function arrayProblem(value: readonly unknown[], path: string) {
  for (const [index, element] of value.entries()) {
    const at = `${path}.${index}`;
    if (element === undefined) return { path: at, reason: 'undefined in an array' };
    const problem = jsonProblem(element, at);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function objectProblem(value: Record<string, unknown>, path: string) {
  for (const [key, field] of Object.entries(value)) {
    const at = path === '' ? key : `${path}.${key}`;
    if (key === '' || key.includes('.') || key.startsWith('$') || key.includes('\u0000') || !key.isWellFormed()) {
      return { path: at, reason: 'a field name that is empty, has a dot or NUL, or starts with $' };
    }
    if (field === undefined) continue;
    const problem = jsonProblem(field, at);
    if (problem !== undefined) return problem;
  }
  return undefined;
}
