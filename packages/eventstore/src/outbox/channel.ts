/**
 * The NOTIFY channel of a schema's outbox. Schema names are [a-z0-9_], so the channel is a legal
 * unquoted identifier; cut to PostgreSQL's 63 bytes, two long schemas may share one, which only costs
 * a relay a look that finds nothing.
 */
export function outboxChannel(schema: string): string {
  return `eventflow_outbox_${schema}`.slice(0, 63);
}

/** The advisory lock only one relay of a schema holds while it publishes. */
export function outboxLockName(schema: string): string {
  return `eventflow:outbox:${schema}`;
}
