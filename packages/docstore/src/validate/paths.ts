/** A field path split on its dots; undefined when it is not a legal path. */
export function splitPath(path: string): readonly string[] | undefined {
  if (path.includes('\u0000')) return undefined;
  const segments = path.split('.');
  return segments.every((segment) => segment !== '' && !segment.startsWith('$')) ? segments : undefined;
}

/** A segment that indexes into an array (as MongoDB reads `items.0.sku`). */
export function isIndexSegment(segment: string): boolean {
  return /^(0|[1-9][0-9]*)$/.test(segment);
}

/** Whether one path is the other or lies under it (`a` and `a.b`). */
export function overlaps(a: readonly string[], b: readonly string[]): boolean {
  const shorter = Math.min(a.length, b.length);
  for (let i = 0; i < shorter; i += 1) if (a[i] !== b[i]) return false;
  return true;
}
