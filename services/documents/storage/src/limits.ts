/** The largest file accepted by default, in bytes (20 MiB); larger is 413. */
export const defaultMaxBytes = 20 * 1024 * 1024;
