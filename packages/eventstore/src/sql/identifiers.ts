import { EventStoreError } from '../errors.ts';

const legalSchema = /^[a-z_][a-z0-9_]{0,62}$/;

/** A schema name safe to put in SQL text: lower-case letters, digits and `_`, at most 63, quoted. */
export function quoteSchema(schema: string): string {
  if (!legalSchema.test(schema)) {
    throw new EventStoreError(
      'EVENTSTORE.INVALID_ARGUMENT',
      `illegal schema name ${JSON.stringify(schema)}: use 1-63 of [a-z0-9_], not starting with a digit`,
      { schema },
    );
  }
  return `"${schema}"`;
}
