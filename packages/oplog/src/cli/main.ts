#!/usr/bin/env node
// The operation-log test client (spec 000: "se pueden consumir desde un cliente de prueba").
//   npm run logs -- tail --topic logs-storage [--correlation-id X] [--from-beginning]
//   npm run logs -- export --format csv|xlsx --out FILE [--topic logs-x ...] [--correlation-id X]
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { follow, logTopics, readToEnd } from './kafka-source.ts';
import { toCsv, toLine, toRow } from './table.ts';
import { writeXlsx } from './xlsx.ts';

const usage = `usage:
  npm run logs -- tail --topic logs-storage [--topic logs-pdf …] [--correlation-id ID] [--from-beginning]
  npm run logs -- export --format csv|xlsx --out FILE [--topic logs-… …] [--correlation-id ID]
Kafka brokers come from KAFKA_BROKERS (default 127.0.0.1:9092).`;

function fail(message: string): never {
  process.stderr.write(`logs: ${message}\n${usage}\n`);
  process.exit(2);
}

const { positionals, values } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        topic: { type: 'string', multiple: true },
        'correlation-id': { type: 'string' },
        'from-beginning': { type: 'boolean', default: false },
        format: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return fail((error as Error).message);
  }
})();
if (values.help === true) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',').map((b) => b.trim());
const correlationId = values['correlation-id'];
const matches = (record: { correlationId: string }) =>
  correlationId === undefined || record.correlationId === correlationId;

switch (positionals[0]) {
  case 'tail': {
    const topics = values.topic ?? fail('tail needs --topic');
    const stop = new AbortController();
    process.once('SIGINT', () => stop.abort());
    process.stderr.write(
      `following ${topics.join(', ')}${correlationId ? ` for ${correlationId}` : ''}; Ctrl-C stops\n`,
    );
    for await (const logged of follow({
      brokers,
      topics,
      fromBeginning: values['from-beginning'],
      signal: stop.signal,
    })) {
      if (matches(logged.record)) process.stdout.write(`${toLine(logged)}\n`);
    }
    break;
  }
  case 'export': {
    const format = values.format ?? 'csv';
    if (format !== 'csv' && format !== 'xlsx') fail(`--format must be csv or xlsx, not ${format}`);
    const out = values.out ?? fail('export needs --out FILE');
    const topics = values.topic ?? (await logTopics(brokers));
    process.stderr.write(`reading ${topics.length} topic(s): ${topics.join(', ') || '(none)'}\n`);
    const logged = (await readToEnd({ brokers, topics })).filter((l) => matches(l.record));
    logged.sort((a, b) => a.record.timestamp.localeCompare(b.record.timestamp));
    const rows = logged.map(toRow);
    if (format === 'csv') await writeFile(out, toCsv(rows));
    else await writeXlsx(rows, out);
    process.stderr.write(`wrote ${rows.length} record(s) to ${out}\n`);
    break;
  }
  default:
    fail(positionals[0] === undefined ? 'say tail or export' : `unknown command ${positionals[0]}`);
}
