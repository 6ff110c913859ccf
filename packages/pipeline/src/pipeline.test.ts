import assert from 'node:assert/strict';
import { test } from 'node:test';
import { enrich, pass, pipeline, reject, type TraceEntry } from './index.ts';

interface Request {
  readonly user: string;
  readonly seats: number;
}

test('handlers run in order; each sees what the ones before it added', async () => {
  const seen: string[] = [];
  const chain = pipeline<Request>()
    .use('first', (ctx) => {
      seen.push(`first ${ctx.user}`);
      return enrich({ tier: 'gold' as const });
    })
    .use('second', async (ctx) => {
      await Promise.resolve();
      seen.push(`second ${ctx.tier}`);
      return enrich({ discount: ctx.tier === 'gold' ? 10 : 0 });
    })
    .use('third', (ctx) => {
      seen.push(`third ${ctx.discount}`);
      return pass();
    });
  const result = await chain.run({ user: 'ana', seats: 2 });
  assert.deepEqual(seen, ['first ana', 'second gold', 'third 10']);
  assert.ok(result.ok);
  assert.deepEqual(result.context, { user: 'ana', seats: 2, tier: 'gold', discount: 10 });
  assert.deepEqual(result.trace, [
    { handler: 'first', outcome: 'enrich', added: ['tier'] },
    { handler: 'second', outcome: 'enrich', added: ['discount'] },
    { handler: 'third', outcome: 'pass' },
  ]);
  assert.deepEqual(chain.handlers, ['first', 'second', 'third']);
});

test('a rejection stops the chain: later handlers never run, the result names the handler', async () => {
  const ran: string[] = [];
  const chain = pipeline<Request>()
    .use('limit', (ctx) => {
      ran.push('limit');
      return ctx.seats > 4 ? reject({ code: 'TOO_MANY', max: 4 }) : pass();
    })
    .use('after', () => {
      ran.push('after');
      return pass();
    });
  const result = await chain.run({ user: 'ana', seats: 5 });
  assert.deepEqual(ran, ['limit']);
  assert.equal(result.ok, false);
  if (!result.ok) {
    assert.equal(result.handler, 'limit');
    assert.deepEqual(result.rejection, { code: 'TOO_MANY', max: 4 });
    assert.deepEqual(result.trace, [{ handler: 'limit', outcome: 'reject' }]);
  }
});

test('an enrichment may replace a field; the input object is never mutated', async () => {
  const input = { user: 'ana', seats: 2 };
  const result = await pipeline<Request>()
    .use('normalise', (ctx) => enrich({ user: ctx.user.toUpperCase() }))
    .run(input);
  assert.ok(result.ok);
  assert.equal(result.context.user, 'ANA');
  assert.deepEqual(input, { user: 'ana', seats: 2 });
});

test('a handler that throws is not a rejection: the error propagates unchanged and the observer hears of it', async () => {
  const failure = new Error('payment gateway down');
  const heard: Array<[TraceEntry, unknown]> = [];
  const ran: string[] = [];
  const chain = pipeline<Request>()
    .use('ok', () => pass())
    .use('pay', () => Promise.reject(failure))
    .use('never', () => {
      ran.push('never');
      return pass();
    });
  await assert.rejects(
    chain.run({ user: 'ana', seats: 1 }, { observer: (entry, error) => heard.push([entry, error]) }),
    (error) => error === failure,
  );
  assert.deepEqual(ran, []);
  assert.deepEqual(heard, [
    [{ handler: 'ok', outcome: 'pass' }, undefined],
    [{ handler: 'pay', outcome: 'throw' }, failure],
  ]);
});

test('a handler returning something that is not an outcome fails loudly, naming the handler', async () => {
  const chain = pipeline<Request>().use('sloppy', () => undefined as never);
  await assert.rejects(chain.run({ user: 'ana', seats: 1 }), /pipeline handler sloppy returned undefined/);
});

test('handler names are unique; use() returns a new pipeline and leaves the old one as it was', async () => {
  const base = pipeline<Request>().use('a', () => pass());
  assert.throws(() => base.use('a', () => pass()), /unique/);
  assert.throws(() => base.use('', () => pass()), /unique/);
  const longer = base.use('b', () => reject('no'));
  assert.deepEqual(base.handlers, ['a']);
  assert.deepEqual(longer.handlers, ['a', 'b']);
  assert.equal((await base.run({ user: 'x', seats: 1 })).ok, true);
  assert.equal((await longer.run({ user: 'x', seats: 1 })).ok, false);
});

test('an empty chain passes its input through', async () => {
  const result = await pipeline<Request>().run({ user: 'ana', seats: 1 });
  assert.deepEqual(result, { ok: true, context: { user: 'ana', seats: 1 }, trace: [] });
});

// Compile-time checks (tsc runs over this file; the function is never called).
export function typeChecks(): void {
  const chain = pipeline<Request>()
    .use('always', () => enrich({ price: 10 }))
    .use('sometimes', (ctx) => (ctx.seats > 1 ? enrich({ bulk: true }) : pass()))
    .use('maybe-reject', (ctx) => (ctx.price > 100 ? reject({ code: 'EXPENSIVE' as const }) : pass()))
    .use('other-reject', () => reject({ code: 'OTHER' as const, detail: 'x' }));
  void chain.run({ user: 'a', seats: 1 }).then((result) => {
    if (result.ok) {
      const price: number = result.context.price;
      // A field added only on some paths is optional for later handlers.
      const bulk: boolean | undefined = result.context.bulk;
      // @ts-expect-error — optional, not always there
      const sure: boolean = result.context.bulk;
      void [price, bulk, sure];
    } else {
      const code: 'EXPENSIVE' | 'OTHER' = result.rejection.code;
      void code;
    }
  });
  pipeline<Request>().use('x', (ctx) => {
    // @ts-expect-error — not added by anyone before
    void ctx.price;
    return pass();
  });
  // @ts-expect-error — the input must have the declared shape
  void pipeline<Request>().run({ user: 'a' });
}
