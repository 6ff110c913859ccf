// Runs the benchmarks, one after another, each in its own process:
//   npm run bench                          all three
//   npm run bench -- kafka-throughput      one of: kafka-throughput, kafka-latency, embedded
//   npm run bench -- embedded --records 20000     options after the name go to that benchmark
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const benchmarks: Readonly<Record<string, string>> = {
  'kafka-throughput': 'bus-kafka-throughput.ts',
  'kafka-latency': 'bus-kafka-latency.ts',
  embedded: 'bus-embedded.ts',
  'documents-jobs': 'documents-jobs.ts',
  'documents-storage': 'documents-storage.ts',
  eventstore: 'eventstore.ts',
  saga: 'saga.ts',
  'ticketing-reservations': 'ticketing-reservations.ts',
  'ticketing-event-reads': 'ticketing-event-reads.ts',
};

const [name, ...options] = process.argv.slice(2);
const chosen = name === undefined || name === 'all' ? Object.keys(benchmarks) : [name];
for (const which of chosen) {
  const file = benchmarks[which];
  if (file === undefined) {
    process.stderr.write(`unknown benchmark ${which}; choose one of: ${Object.keys(benchmarks).join(', ')}, all\n`);
    process.exit(2);
  }
  process.stdout.write(`\n=== ${which}: node bench/${file} ${options.join(' ')}\n`);
  const result = spawnSync(process.execPath, [join(import.meta.dirname, file), ...options], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
