import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SingleFlight } from './single-flight.ts';

test('callers of one key share the work in flight; the first is its leader', async () => {
  const flights = new SingleFlight<number>();
  let runs = 0;
  const gate = Promise.withResolvers<void>();
  const work = async () => {
    runs += 1;
    await gate.promise;
    return runs;
  };
  const first = flights.run('a', work);
  const second = flights.run('a', work);
  const other = flights.run('b', work);
  assert.deepEqual([first.leader, second.leader, other.leader], [true, false, true]);
  gate.resolve();
  assert.deepEqual(await Promise.all([first.outcome, second.outcome]), [2, 2]);
  assert.equal(runs, 2, 'once per key');
  assert.equal(flights.run('a', work).leader, true, 'a settled flight is forgotten');
});

test('settled waits for the work in flight, whatever its outcome', async () => {
  const flights = new SingleFlight<number>();
  const failing = flights.run('a', () => Promise.reject(new Error('down')));
  await flights.settled('a');
  await assert.rejects(failing.outcome, /down/);
  await flights.settled('nothing');
});
