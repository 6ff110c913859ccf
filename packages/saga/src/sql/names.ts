import { quoteSchema } from '@eventflow/eventstore';

export { quoteSchema };

/** The NOTIFY channel that wakes the workers of a schema when an instance is started or released. */
export function sagaChannel(schema: string): string {
  quoteSchema(schema);
  return `eventflow_saga_${schema}`.slice(0, 63);
}
