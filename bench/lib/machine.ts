import { readdirSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { infraPaths } from '@eventflow/infra-local';

/** The Kafka release whose jars the local broker and Kafka's tools run from (its cache folder's name). */
export function kafkaVersion(): string {
  const folder = readdirSync(infraPaths().cache).find((name) => /^kafka-\d/.test(name));
  return folder?.slice('kafka-'.length) ?? 'unknown';
}

/** One line saying what the figures were measured on. */
export function machineLine(withKafka: boolean): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const memory = `${Math.round(totalmem() / 2 ** 30)} GiB`;
  const kafka = withKafka ? `, Kafka ${kafkaVersion()}` : '';
  const load = loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
  return `machine: ${availableParallelism()} CPUs (${cpu}), ${memory} memory, Node ${process.version}${kafka}; load average ${load} at start`;
}
