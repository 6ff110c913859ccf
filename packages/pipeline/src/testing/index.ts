import assert from 'node:assert/strict';
import type { Pipeline, PipelineResult } from '../pipeline.ts';

export interface PipelineThen<Ctx, Rejection> {
  /** The chain passed; the final context includes `expected` (deep-equal on those fields). */
  thenPasses(expected?: Partial<Ctx>): Promise<Ctx>;
  /** The chain stopped at `handler`, with a rejection deep-equal to `expected` when given. */
  thenRejects(handler: string, expected?: Rejection): Promise<Rejection>;
  /** The handlers that ran, in order (whatever the result). */
  thenRan(handlers: readonly string[]): Promise<PipelineResult<Ctx, Rejection>>;
}

/**
 * Given/when/then for a chain: `await pipelineSpec(chain).given(request).thenRejects('availability')`.
 * Runs the chain once per `given`.
 */
export function pipelineSpec<Input, Ctx, Rejection>(
  chain: Pipeline<Input, Ctx, Rejection>,
): { given(input: Input): PipelineThen<Ctx, Rejection> } {
  return {
    given(input) {
      let result: Promise<PipelineResult<Ctx, Rejection>> | undefined;
      const outcome = () => (result ??= chain.run(input));
      return {
        async thenPasses(expected) {
          const r = await outcome();
          if (!r.ok) assert.fail(`expected the chain to pass; ${r.handler} rejected: ${JSON.stringify(r.rejection)}`);
          if (expected !== undefined) {
            const picked = Object.fromEntries(
              Object.keys(expected).map((k) => [k, (r.context as Record<string, unknown>)[k]]),
            );
            assert.deepEqual(picked, expected);
          }
          return r.context;
        },
        async thenRejects(handler, expected) {
          const r = await outcome();
          if (r.ok) assert.fail(`expected ${handler} to reject; the chain passed`);
          assert.equal(r.handler, handler, `rejected by ${r.handler}: ${JSON.stringify(r.rejection)}`);
          if (expected !== undefined) assert.deepEqual(r.rejection, expected);
          return r.rejection;
        },
        async thenRan(handlers) {
          const r = await outcome();
          assert.deepEqual(
            r.trace.map((entry) => entry.handler),
            handlers,
          );
          return r;
        },
      };
    },
  };
}
