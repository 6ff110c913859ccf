/**
 * Sends `total` items in batches of `batchSize`, keeping up to `window` batches in flight (each
 * `send` awaits its acknowledgement), and calls `progress` after each acknowledged batch.
 */
export async function pump(options: {
  readonly total: number;
  readonly batchSize: number;
  readonly window: number;
  readonly send: (first: number, count: number) => Promise<unknown>;
  readonly progress?: (acknowledged: number) => void;
}): Promise<void> {
  const { total, batchSize, window, send, progress } = options;
  let next = 0;
  let acknowledged = 0;
  const lane = async (): Promise<void> => {
    while (next < total) {
      const first = next;
      const count = Math.min(batchSize, total - first);
      next += count;
      await send(first, count);
      acknowledged += count;
      progress?.(acknowledged);
    }
  };
  await Promise.all(Array.from({ length: window }, lane));
}
