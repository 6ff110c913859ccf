import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SendCoalescer } from './send-coalescer.ts';

function controlledSend() {
  const requests: Array<{ records: number[]; finish: (error?: Error) => void }> = [];
  const send = (records: number[]) =>
    new Promise<void>((resolve, reject) => {
      requests.push({ records, finish: (error) => (error ? reject(error) : resolve()) });
    });
  return { send, requests };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

test('one request in flight; what queues meanwhile leaves together, in order', async () => {
  const { send, requests } = controlledSend();
  const coalescer = new SendCoalescer(send);
  const first = coalescer.send([1]);
  const second = coalescer.send([2, 3]);
  const third = coalescer.send([4]);
  await turn();
  assert.deepEqual(
    requests.map((r) => r.records),
    [[1]],
    'only the first goes out at once',
  );
  requests[0]?.finish();
  await first;
  await turn();
  assert.deepEqual(
    requests.map((r) => r.records),
    [[1], [2, 3, 4]],
    'the two that waited share one request, in order',
  );
  requests[1]?.finish();
  await Promise.all([second, third]);
});

test('a failed request fails exactly the calls it carried; the next goes on', async () => {
  const { send, requests } = controlledSend();
  const coalescer = new SendCoalescer(send);
  const first = coalescer.send([1]);
  const second = coalescer.send([2]);
  await turn();
  requests[0]?.finish(new Error('broker said no'));
  await assert.rejects(first, /broker said no/);
  await turn();
  requests[1]?.finish();
  await second;
});

test('requests are capped in records, whole calls only', async () => {
  const { send, requests } = controlledSend();
  const coalescer = new SendCoalescer(send, { maxRecords: 3 });
  const calls = [coalescer.send([1]), coalescer.send([2, 3]), coalescer.send([4, 5]), coalescer.send([6])];
  await turn();
  requests[0]?.finish();
  await turn();
  await turn();
  assert.deepEqual(requests[1]?.records, [2, 3], 'the next call would pass the cap');
  requests[1]?.finish();
  await turn();
  await turn();
  assert.deepEqual(requests[2]?.records, [4, 5, 6]);
  requests[2]?.finish();
  await Promise.all(calls);
});
