import { readIssues } from './subset.ts';

/** Confluent's modes: BACKWARD (default) — the new schema reads data written with the previous one. */
export const compatibilityModes = [
  'BACKWARD',
  'BACKWARD_TRANSITIVE',
  'FORWARD',
  'FORWARD_TRANSITIVE',
  'FULL',
  'FULL_TRANSITIVE',
  'NONE',
] as const;
export type CompatibilityMode = (typeof compatibilityModes)[number];

export function isCompatibilityMode(value: unknown): value is CompatibilityMode {
  return (compatibilityModes as readonly unknown[]).includes(value);
}

export interface CompatibilityIssue {
  /** The version the new schema was checked against. */
  readonly version: number;
  /** backward: the new schema cannot read that version's data; forward: that version cannot read the new data. */
  readonly direction: 'backward' | 'forward';
  readonly message: string;
}

export interface PreviousSchema {
  readonly version: number;
  readonly schema: unknown;
}

/**
 * Checks `next` against the versions already registered (any order) under `mode`: the latest only,
 * or every one for the *_TRANSITIVE modes. Empty when compatible.
 */
export function checkCompatibility(
  next: unknown,
  previous: readonly PreviousSchema[],
  mode: CompatibilityMode,
): CompatibilityIssue[] {
  if (mode === 'NONE' || previous.length === 0) return [];
  const sorted = [...previous].sort((a, b) => b.version - a.version);
  const against = mode.endsWith('_TRANSITIVE') ? sorted : sorted.slice(0, 1);
  const backward = mode.startsWith('BACKWARD') || mode.startsWith('FULL');
  const forward = mode.startsWith('FORWARD') || mode.startsWith('FULL');
  return against.flatMap(({ version, schema }) => [
    ...(backward ? readIssues(next, schema, { newIs: 'reader', path: '' }) : []).map((message) => ({
      version,
      direction: 'backward' as const,
      message,
    })),
    ...(forward ? readIssues(schema, next, { newIs: 'writer', path: '' }) : []).map((message) => ({
      version,
      direction: 'forward' as const,
      message,
    })),
  ]);
}
