/** When to snapshot a stream type: whenever an append crosses a multiple of `every` events. */
export interface SnapshotPolicy {
  readonly every: number;
  /**
   * The shape of the saved state. Bump it when the aggregate's state changes shape: snapshots of other
   * state versions are then ignored (and rebuilt from events). Default 1.
   */
  readonly stateVersion?: number;
}

export function validateSnapshotPolicy(streamType: string, policy: SnapshotPolicy): SnapshotPolicy {
  if (!Number.isSafeInteger(policy.every) || policy.every < 1) {
    throw new RangeError(`snapshot policy for ${streamType}: every must be an integer ≥ 1`);
  }
  const stateVersion = policy.stateVersion ?? 1;
  if (!Number.isSafeInteger(stateVersion) || stateVersion < 1) {
    throw new RangeError(`snapshot policy for ${streamType}: stateVersion must be an integer ≥ 1`);
  }
  return policy;
}

/** True when going from version `before` to `after` passes a multiple of `every`. */
export function crossesSnapshotPoint(policy: SnapshotPolicy, before: number, after: number): boolean {
  return Math.floor(after / policy.every) > Math.floor(before / policy.every);
}
