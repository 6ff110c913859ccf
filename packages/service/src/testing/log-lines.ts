export interface CapturedLines {
  /** Every line the logger wrote, parsed, in order. */
  readonly lines: Array<Record<string, unknown>>;
  /** Give it to the service as `logger: { stream }`. */
  readonly stream: { write(line: string): void };
}

/** pino output captured as parsed JSON lines, to assert on what a service logged. */
export function capturedLines(): CapturedLines {
  const lines: Array<Record<string, unknown>> = [];
  return { lines, stream: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } };
}
