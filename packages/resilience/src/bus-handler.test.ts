import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { defineTopic, type Envelope } from '@eventflow/bus';
import { openEmbeddedBus } from '@eventflow/bus/embedded';
import { eventually } from '@eventflow/bus/testing';
import { resilientHandler, type ResilienceError } from './index.ts';

const breaker = { consecutiveFailures: 2, halfOpenAfterMs: 60_000 };

describe('resilientHandler', () => {
  test('passes the message and a signal, and does not retry: a failure goes back to the caller', async () => {
    const seen: string[] = [];
    const handler = resilientHandler(
      (message: string, signal: AbortSignal) => {
        seen.push(`${message}:${signal.aborted}`);
        return Promise.reject(new Error('boom'));
      },
      { timeoutMs: 1000, breaker },
      { name: 'orders' },
    );
    await assert.rejects(handler('m1'), /boom/);
    assert.deepEqual(seen, ['m1:false']);
  });

  test('times out a slow handler with RESILIENCE.TIMEOUT and aborts its signal (fake clock)', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout', 'Date'] });
    let signal: AbortSignal | undefined;
    const handler = resilientHandler(
      (_message: string, given: AbortSignal) => {
        signal = given;
        return new Promise<void>(() => undefined);
      },
      { timeoutMs: 250 },
      { name: 'orders' },
    );
    const handling = handler('m1');
    t.mock.timers.tick(250);
    await assert.rejects(handling, (error: ResilienceError) => error.code === 'RESILIENCE.TIMEOUT');
    assert.equal(signal?.aborted, true);
  });

  test('on the embedded bus: the bus retries, the breaker opens, later messages are dead-lettered without a call', async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'resilience-bus-'));
    const codes: string[] = [];
    const bus = await openEmbeddedBus({ dir, observer: { deadLettered: (event) => void codes.push(event.code) } });
    t.after(async () => {
      await bus.close();
      await rm(dir, { recursive: true, force: true });
    });
    const topic = defineTopic<{ n: number }>({
      name: `orders-${randomUUID()}`,
      partitions: 1,
      type: 'order',
      schema: { type: 'object', required: ['n'] },
    });
    await bus.declare([topic]);
    let calls = 0;
    const handle = resilientHandler(
      (_message: Envelope<{ n: number }>) => {
        calls++;
        return Promise.reject(Object.assign(new Error('inventory down'), { code: 'INVENTORY.DOWN' }));
      },
      { timeoutMs: 5000, breaker },
      { name: 'orders' },
    );
    const retry = { maxAttempts: 2, initialDelayMs: 0, maxDelayMs: 0, multiplier: 1, jitter: 'none' } as const;
    await bus.subscribe({ group: `g-${randomUUID()}`, topic, handle, retry });
    await bus.publish(topic, [{ key: 'a', value: { n: 1 } }]);
    await eventually(() => codes.length === 1, 'the first message dead-lettered');
    await bus.publish(topic, [{ key: 'a', value: { n: 2 } }]);
    await eventually(() => codes.length === 2, 'the second message dead-lettered');
    assert.deepEqual(codes, ['INVENTORY.DOWN', 'RESILIENCE.CIRCUIT_OPEN']);
    assert.equal(calls, 2, 'two tries of the first message opened the circuit; the second was never handled');
    assert.equal(handle.policy.circuit, 'open');
  });
});
