/** The innermost errors of the library's nested aggregates (MultipleErrors, ResponseError). */
export function leaves(error: unknown): unknown[] {
  if (error instanceof AggregateError && error.errors.length > 0) return (error.errors as unknown[]).flatMap(leaves);
  return [error];
}

/** One line saying what went wrong underneath: the library's top message alone says little. */
export function describeClientError(error: unknown): string {
  const details = leaves(error).map((leaf) => {
    const apiId = (leaf as { apiId?: unknown }).apiId;
    const message = leaf instanceof Error ? leaf.message : String(leaf);
    return typeof apiId === 'string' && !message.includes(apiId) ? `${message} (${apiId})` : message;
  });
  const top = error instanceof Error ? error.message : String(error);
  return details.length === 1 && details[0] === top ? top : `${top} ${[...new Set(details)].join('; ')}`;
}
