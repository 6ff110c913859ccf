import { problemContentType } from '../errors/problem.ts';

type Schema = Record<string, unknown>;

const problemRef = 'problem#';
const problemContent = { [problemContentType]: { schema: { $ref: problemRef } } };

/**
 * A route's responses as the document shows them: a problem response declares its content type
 * (application/problem+json, as the kit sends it), and every route declares the problems the kit may
 * answer with, which no route lists itself: bad input or an unknown path (4XX) and failures (5XX).
 * Only the document changes; serialization still follows the route's own schema.
 */
export function documentedResponses(response: Schema | undefined): Schema {
  const documented: Schema = {};
  for (const [status, schema] of Object.entries(response ?? {})) {
    documented[status] = isProblem(schema) ? { description: describe(status), content: problemContent } : schema;
  }
  documented['4XX'] ??= { description: 'The request is refused (problem+json)', content: problemContent };
  documented['5XX'] ??= { description: 'The service failed or is unavailable (problem+json)', content: problemContent };
  return documented;
}

function isProblem(schema: unknown): boolean {
  return typeof schema === 'object' && schema !== null && (schema as Schema)['$ref'] === problemRef;
}

function describe(status: string): string {
  return `Problem ${status} (problem+json)`;
}
