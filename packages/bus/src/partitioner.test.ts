import assert from 'node:assert/strict';
import { test } from 'node:test';
import { murmur2, partitionFor } from './partitioner.ts';

// Computed by org.apache.kafka.common.utils.Utils.murmur2 from kafka-clients 4.2.1 (jshell):
// key, murmur2, toPositive(h) % 3, toPositive(h) % 12.
const javaVectors: ReadonlyArray<[string, number, number, number]> = [
  ['', 275646681, 0, 9],
  ['a', -1563381124, 1, 4],
  ['order-1', 1221710326, 1, 10],
  ['order-2', -1055499005, 0, 3],
  ['corr-7f3a', -1108422103, 1, 1],
  ['ünïcødé', 2147241326, 2, 2],
  ['the quick brown fox jumps over the lazy dog', -890066680, 1, 4],
];

test('murmur2 and the partition agree with the Java client, byte for byte', () => {
  for (const [key, hash, of3, of12] of javaVectors) {
    assert.equal(murmur2(Buffer.from(key, 'utf8')), hash, `murmur2(${JSON.stringify(key)})`);
    assert.equal(partitionFor(key, 3), of3, `${JSON.stringify(key)} of 3`);
    assert.equal(partitionFor(key, 12), of12, `${JSON.stringify(key)} of 12`);
  }
});

test('a partition count below one is refused', () => {
  assert.throws(() => partitionFor('k', 0), RangeError);
});
