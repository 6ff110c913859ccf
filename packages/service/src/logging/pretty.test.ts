import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { withCorrelation } from '@eventflow/correlation';
import { buildService } from '../build.ts';
import type { RoutePlugin } from '../definition.ts';
import type { LoggingOptions } from '../logging.ts';

/** A destination that keeps what is written, as a terminal (`isTTY`) or not. */
function collector(isTTY = false): { stream: Writable & { isTTY?: boolean }; text: () => string } {
  let text = '';
  const stream = Object.assign(
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        text += chunk.toString();
        done();
      },
    }),
    isTTY ? { isTTY: true } : {},
  );
  return { stream, text: () => text };
}

const echo: RoutePlugin = (app) => {
  app.get('/echo', () => ({ ok: true }));
};

function appLogging(logger: LoggingOptions) {
  return buildService({ name: 'orders', routes: [echo] }, { logger, defaultMetrics: false });
}

test('pretty: one readable line with time, level, service, message, fields and correlation id', (t) => {
  const out = collector();
  const app = appLogging({ format: 'pretty', stream: out.stream });
  t.after(() => app.close());

  withCorrelation({ correlationId: 'order-42', causationId: 'msg-1' }, () =>
    app.log.info(
      { orderId: 'o-1', seats: 2, note: 'two words', total: { amount: 30, currency: 'EUR' } },
      'order placed',
    ),
  );

  const line = out.text();
  assert.match(line, /^\d{2}:\d{2}:\d{2}\.\d{3} INFO {2}orders: order placed {2}/);
  assert.match(line, / orderId=o-1 seats=2 note="two words" total\.amount=30 total\.currency=EUR {2}\[order-42\]\n$/);
  assert.equal(line.split('\n').length, 2, 'a single line');
  assert.doesNotMatch(line, /[{}]/, 'no JSON braces');
  assert.doesNotMatch(line, /\x1b\[/, 'no colours when the destination is not a terminal');
  assert.doesNotMatch(line, /hostname|pid|version/);
});

test('pretty: request lines show method and url, then status and response time, under the correlation', async (t) => {
  const out = collector();
  const app = appLogging({ format: 'pretty', stream: out.stream });
  t.after(() => app.close());

  await app.inject({ method: 'GET', url: '/echo?x=1', headers: { 'x-correlation-id': 'req-7' } });

  const [incoming, completed] = out.text().trimEnd().split('\n');
  assert.match(incoming ?? '', /INFO {2}orders: incoming request {2}GET \/echo\?x=1 {2}\[req-7\]$/);
  assert.match(completed ?? '', /INFO {2}orders: request completed {2}status=200 \d+\.\dms {2}\[req-7\]$/);
});

test('pretty: an error is one short field, type, message and where it was thrown, without the stack', (t) => {
  const out = collector();
  const app = appLogging({ format: 'pretty', stream: out.stream });
  t.after(() => app.close());

  app.log.error({ err: new TypeError('seat map missing') }, 'reservation failed');

  const line = out.text();
  assert.match(
    line,
    /ERROR orders: reservation failed {2}err="TypeError: seat map missing \([^)]*pretty\.test\.ts:\d+:\d+\)"\n$/,
  );
  assert.equal(line.split('\n').length, 2);
});

test('pretty: coloured when the destination is a terminal', (t) => {
  const out = collector(true);
  const app = appLogging({ format: 'pretty', stream: out.stream });
  t.after(() => app.close());

  withCorrelation({ correlationId: 'c-1' }, () => app.log.warn('low on seats'));

  assert.match(out.text(), /\x1b\[33mWARN\x1b\[39m/, 'the level in its colour');
  assert.match(out.text(), /low on seats/);
  assert.match(out.text(), /\[c-1\]/);
});

test('json (the default, and when asked) stays one JSON object per line with the correlation', (t) => {
  for (const format of [undefined, 'json'] as const) {
    const lines: string[] = [];
    const app = appLogging({
      stream: { write: (line: string) => void lines.push(line) },
      ...(format ? { format } : {}),
    });
    t.after(() => app.close());

    withCorrelation({ correlationId: 'order-42', causationId: 'msg-1' }, () =>
      app.log.info({ orderId: 'o-1' }, 'order placed'),
    );

    assert.equal(lines.length, 1);
    const record = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
    assert.equal(record['msg'], 'order placed');
    assert.equal(record['service'], 'orders');
    assert.equal(record['level'], 30);
    assert.equal(record['correlationId'], 'order-42');
    assert.equal(record['causationId'], 'msg-1');
    assert.equal(record['orderId'], 'o-1');
  }
});
