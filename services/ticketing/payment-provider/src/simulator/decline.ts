import { createHash } from 'node:crypto';

/** A reference mapped to [0, 1) by its SHA-256: the same reference always lands on the same point. */
export function referencePoint(referencia: string): number {
  return createHash('sha256').update(referencia).digest().readUInt32BE(0) / 2 ** 32;
}

/**
 * Whether the simulated processor declines a charge of this reference: always when listed, else when
 * its point falls below the decline rate — deterministic, so a rate of 0.2 declines the same fifth
 * of the references in every run.
 */
export function declines(referencia: string, rate: number, listed: ReadonlySet<string>): boolean {
  return listed.has(referencia) || referencePoint(referencia) < rate;
}
