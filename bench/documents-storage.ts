// Upload and download MB/s of 1 MiB PDFs through our storage server against nginx (Debian's,
// started with a config of our own) storing and serving the same file, in the same run.
// Ours per upload: multipart parse, SHA-256 and %PDF- check while streaming to a staging file,
// fsync, metadata written and fsynced, two renames, folder fsync, an operation record to Kafka.
// nginx per upload (WebDAV PUT): the body to a temporary file, renamed into place; no fsync, no hash.
// Per download, ours reads the file whole, checks its SHA-256, then sends it; nginx sendfile()s it.
//   npm run bench -- documents-storage   (or: node bench/documents-storage.ts [--files N]
//                                         [--in-flight N] [--rounds N] [--nginx-workers N])
import { performance } from 'node:perf_hooks';
import { statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { parseArgs } from 'node:util';
import { createKafkaBus } from '@eventflow/bus/kafka';
import { ensureNginx } from './documents/nginx.ts';
import { makePdf } from './documents/pdf-file.ts';
import { startNginxServer, startOurs, type StorageServer } from './documents/storage-contenders.ts';
import type { StorageResult, StorageWork } from './documents/storage-client.ts';
import { storageReport, type StorageRun, type Transfer } from './documents/storage-report.ts';
import { run } from './documents/threads.ts';
import { int } from './lib/format.ts';
import { kafkaBrokers, requireKafka, TopicJanitor } from './lib/kafka.ts';
import { machineLine } from './lib/machine.ts';
import { Progress, say, survivePipeClose } from './lib/progress.ts';

const { values: args } = parseArgs({
  options: {
    files: { type: 'string', default: '300' },
    'in-flight': { type: 'string', default: '8' },
    rounds: { type: 'string', default: '2' },
    'nginx-workers': { type: 'string', default: '1' },
    'warm-up': { type: 'string', default: '30' },
  },
});
survivePipeClose();
const files = Number(args.files);
const inFlight = Number(args['in-flight']);
const rounds = Number(args.rounds);
const nginxWorkers = Number(args['nginx-workers']);
const warmUp = Number(args['warm-up']);
const brokers = kafkaBrokers();

await requireKafka(brokers);
const nginxVersion = await ensureNginx(say);
say('making the PDF (pdfkit)');
const pdf = await makePdf();
process.stdout.write(
  `${machineLine(true)}\n` +
    `file: a ${pdf.pages}-page PDF made by pdfkit, ${int(pdf.bytes.length)} bytes, sha256 ${pdf.sha256.slice(0, 16)}…\n` +
    `folders in ${tmpdir()} (filesystem type 0x${statfsSync(tmpdir()).type.toString(16)}; 0xef53 is ext4); ` +
    `${nginxVersion} with ${nginxWorkers} worker process(es); ours: one Node process (this one)\n` +
    `${int(files)} files per run, ${inFlight} requests in flight from a client thread; ` +
    `${rounds} run(s) per contender in ABBA order after a warm-up of ${int(warmUp)} files each\n\n`,
);

const janitor = new TopicJanitor(brokers);
const bus = await createKafkaBus({ brokers, clientId: 'bench-documents-storage' });
const notes: string[] = [];
let runNumber = 0;

async function transfer(
  server: StorageServer,
  direction: 'upload' | 'download',
  count: number,
  prefix: string,
): Promise<Transfer> {
  const label = `${server.target} ${direction}`;
  const progress = new Progress(label, count, 'files');
  let done = 0;
  const stop = progress.watch(() => ({ done }));
  const loop = performance.eventLoopUtilization();
  try {
    const work: StorageWork = {
      target: server.target,
      direction,
      url: server.url,
      count,
      inFlight,
      prefix,
      bytes: pdf.bytes,
    };
    const result = await run<StorageResult>(
      new URL('./documents/storage-client.ts', import.meta.url),
      work,
      label,
      20 * 60_000,
      (n) => (done = n),
    );
    done = count;
    return { ...result, busy: performance.eventLoopUtilization(loop).utilization };
  } finally {
    stop();
  }
}

/** One run: a fresh server and folder, `count` uploads, then a download of each. */
async function once(target: 'ours' | 'nginx', count: number, runLabel: string): Promise<StorageRun> {
  const server =
    target === 'ours' ? await startOurs(bus, (t) => janitor.track(t)) : await startNginxServer(nginxWorkers);
  try {
    const prefix = `bench-${++runNumber}`;
    const upload = await transfer(server, 'upload', count, prefix);
    const download = await transfer(server, 'download', count, prefix);
    return { upload, download };
  } finally {
    const note = await server.stop();
    if (note !== '') notes.push(`${target}, ${runLabel}: ${note}`);
  }
}

try {
  say(`warm-up: ${int(warmUp)} files up and down through each (not counted)`);
  await once('ours', warmUp, 'warm-up');
  await once('nginx', warmUp, 'warm-up');
  notes.length = 0;
  const results = { ours: [] as StorageRun[], nginx: [] as StorageRun[] };
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? (['ours', 'nginx'] as const) : (['nginx', 'ours'] as const);
    for (const which of order) results[which].push(await once(which, files, `run ${round + 1}`));
  }
  process.stdout.write(storageReport(results.ours, results.nginx, files));
  if (notes.length > 0) process.stdout.write(`\n${notes.join('\n')}\n`);
} finally {
  await bus.close();
  await janitor.deleteAll().catch((error: unknown) => say(`topic clean-up failed: ${String(error)}`));
}
