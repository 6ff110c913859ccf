// GET /api/eventos/{id} requests per second and latency through the gateway (a hot event page:
// one event read over and over, served from the events service's read-through cache), against a
// bare Fastify hello-world served the same way — a Node process of its own on loopback — with the
// same client (node:http, keep-alive, closed loop, this process) and the same concurrency, in ABBA
// order, on the embedded and the distributed platform. Two more contenders say where the time
// goes: the gateway proxying to the events service's trivial GET /health (our HTTP stack, no read),
// and — distributed only, where the service's own port is known — the events service read directly,
// without the gateway.
//   node bench/ticketing-event-reads.ts [--platform both|embedded|distributed] [--seconds 10]
//        [--warm-up 2] [--concurrency 8] [--rounds 2] [--profile DIR]
import { spawn } from 'node:child_process';
import { mkdir, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createEvent } from '@eventflow/ticketing/driver';
import { barChart } from './lib/chart.ts';
import { monotonicUs, profileReport, readProfile, summarise, type Window } from './lib/cpu-profile.ts';
import { fixed, int, ms, ratio, table } from './lib/format.ts';
import { machineLine } from './lib/machine.ts';
import { Progress, say, survivePipeClose } from './lib/progress.ts';
import { median, summarize } from './lib/stats.ts';
import { cpuSnapshot, cpuUsage, type CpuUsage } from './ticketing/cpu-usage.ts';
import { loadFor, type LoadResult } from './ticketing/http-load.ts';
import { routeDelta, scrapeRoutes, type RouteTotals } from './ticketing/metrics.ts';
import { startTicketing, type Mode } from './ticketing/platform.ts';

const { values: args } = parseArgs({
  options: {
    platform: { type: 'string', default: 'both' },
    seconds: { type: 'string', default: '10' },
    'warm-up': { type: 'string', default: '2' },
    concurrency: { type: 'string', default: '8' },
    rounds: { type: 'string', default: '2' },
    profile: { type: 'string' },
  },
});
survivePipeClose();
if (!['both', 'embedded', 'distributed'].includes(args.platform)) {
  process.stderr.write(`--platform ${args.platform}: both, embedded or distributed\n`);
  process.exit(2);
}
const seconds = Number(args.seconds);
const warmUp = Number(args['warm-up']);
const concurrency = Number(args.concurrency);
const rounds = Number(args.rounds);
const modes: Mode[] = args.platform === 'both' ? ['embedded', 'distributed'] : [args.platform as Mode];
const profileRoot = args.profile === undefined ? undefined : resolve(args.profile);

type Which = 'ours' | 'hello' | 'proxy' | 'direct';
const labels: Readonly<Record<Which, string>> = {
  ours: 'GET /api/eventos/{id} through the gateway',
  hello: 'bare Fastify hello-world',
  proxy: 'gateway → events GET /health (no read)',
  direct: 'events service directly (no gateway)',
};

interface Run extends LoadResult {
  readonly which: Which;
}

interface ModeRuns {
  readonly mode: Mode;
  readonly runs: Run[];
  readonly routes: RouteTotals;
  readonly cpu: CpuUsage[];
  profile: string;
}

process.stdout.write(
  `${machineLine(modes.includes('distributed'))}\n` +
    `closed loop, ${concurrency} requests in flight on keep-alive connections (node:http in this process), ` +
    `${seconds} s measured per run after ${warmUp} s not counted; ${rounds} round(s) in ABBA order\n\n`,
);

/** The anchor: a bare Fastify hello-world in a process of its own. */
function startHello(): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [join(import.meta.dirname, 'ticketing', 'hello.ts')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return new Promise((resolveUp, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /is up: (\S+)/.exec(output)?.[1];
      if (url !== undefined) {
        resolveUp({
          url,
          stop: async () => {
            if (child.exitCode === null) child.kill('SIGTERM');
            await exited;
          },
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`the hello-world exited (${code}) before it was up`)));
  });
}

/** Not counted: warms the connections, the JIT and the cache; answers the rate it saw. */
async function warm(url: string): Promise<number> {
  const result = await loadFor({ url, concurrency, seconds: warmUp });
  return result.requests / (result.elapsedMs / 1000);
}

async function measure(which: Which, url: string, label: string, expectedRate: number): Promise<Run> {
  const progress = new Progress(label, Math.round(expectedRate * seconds), 'requests');
  const result = await loadFor({ url, concurrency, seconds, onProgress: (done) => progress.update(done) });
  progress.finish(result.requests);
  if (Object.keys(result.unexpected).length > 0) {
    throw new Error(`${label}: unexpected answers ${JSON.stringify(result.unexpected)}: ${result.example}`);
  }
  return { ...result, which };
}

async function measureMode(mode: Mode, hello: string): Promise<ModeRuns> {
  const profileDir = profileRoot === undefined ? undefined : join(profileRoot, mode);
  if (profileDir !== undefined) await mkdir(profileDir, { recursive: true });
  const platform = await startTicketing(mode, profileDir === undefined ? {} : { profileDir });
  const results: ModeRuns = { mode, runs: [], routes: new Map(), cpu: [], profile: '' };
  const windows: Window[] = [];
  const names = new Map<number, string>();
  try {
    const eventoId = await createEvent(platform.url, 1000);
    const urls: Partial<Record<Which, string>> = {
      ours: `${platform.url}/api/eventos/${eventoId}`,
      hello: `${hello}/hello`,
      proxy: `${platform.url}/services/events/health`,
      ...(platform.services?.['events'] === undefined
        ? {}
        : { direct: `${platform.services['events']}/api/eventos/${eventoId}` }),
    };
    const contenders = (Object.keys(urls) as Which[]).filter((w) => urls[w] !== undefined);
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? contenders : contenders.toReversed();
      for (const which of order) {
        const label = `${mode} round ${round + 1}: ${which}`;
        say(`${label}: ${labels[which]}`);
        const url = urls[which] ?? '';
        const expectedRate = await warm(url);
        const before = which === 'ours' ? await scrapeRoutes(platform.url) : undefined;
        const cpuBefore = cpuSnapshot();
        const from = monotonicUs();
        const run = await measure(which, url, label, expectedRate);
        results.runs.push(run);
        if (which === 'ours' && before !== undefined) {
          windows.push([from, monotonicUs()]);
          const cpuAfter = cpuSnapshot();
          results.cpu.push(cpuUsage(cpuBefore, cpuAfter));
          for (const [pid, name] of cpuAfter.names) names.set(pid, name);
          for (const [route, value] of routeDelta(before, await scrapeRoutes(platform.url))) {
            const sum = results.routes.get(route) ?? { count: 0, seconds: 0 };
            results.routes.set(route, { count: sum.count + value.count, seconds: sum.seconds + value.seconds });
          }
        }
      }
    }
  } finally {
    await platform.stop();
  }
  if (profileDir !== undefined) {
    const files = (await readdir(profileDir)).filter((f) => f.endsWith('.cpuprofile'));
    const summaries = await Promise.all(
      files.map(async (file) => {
        const pid = Number(file.split('.')[3]);
        return {
          file,
          name: names.get(pid) ?? `pid ${pid}`,
          summary: summarise(await readProfile(join(profileDir, file)), windows),
        };
      }),
    );
    summaries.sort((a, b) => b.summary.busyUs - a.summary.busyUs);
    results.profile = summaries
      .filter((s) => s.summary.busyUs > 0)
      .map((s) => profileReport(`${mode} CPU profile of ${s.name} (${join(profileDir, s.file)})`, s.summary, 15))
      .join('\n');
  }
  return results;
}

const rate = (r: LoadResult) => r.requests / (r.elapsedMs / 1000);

function report(m: ModeRuns): string {
  const of = (which: Which) => m.runs.filter((r) => r.which === which);
  const med = (which: Which, pick: (r: Run) => number) => median(of(which).map(pick));
  const p = (q: 'p50' | 'p99') => (r: Run) => summarize(r.latencies)[q];
  const present = (Object.keys(labels) as Which[]).filter((w) => of(w).length > 0);
  const rows = [
    ['', 'requests/s', 'p50', 'p99', 'p99.9', 'max', 'client loop busy'],
    ...present.flatMap((which) =>
      of(which).map((r, i) => {
        const s = summarize(r.latencies);
        return [
          `${labels[which]}, run ${i + 1}`,
          int(rate(r)),
          ms(s.p50),
          ms(s.p99),
          ms(s.p999),
          ms(s.max),
          `${Math.round(r.clientBusy * 100)} %`,
        ];
      }),
    ),
    ...present.map((which) => [
      `${labels[which]}, median`,
      int(med(which, rate)),
      ms(med(which, p('p50'))),
      ms(med(which, p('p99'))),
    ]),
  ];
  const routeRows = [...m.routes]
    .map(([key, v]) => ({ key, count: v.count, meanMs: (v.seconds / v.count) * 1000 }))
    .filter((r) => r.count >= 100);
  const cpuSeconds = new Map<string, number>();
  let wall = 0;
  let requests = 0;
  for (const usage of m.cpu) {
    wall += usage.wallSeconds;
    for (const row of usage.rows) cpuSeconds.set(row.name, (cpuSeconds.get(row.name) ?? 0) + row.seconds);
  }
  for (const r of of('ours')) requests += r.requests;
  return (
    `${m.mode} platform (tools/${m.mode === 'embedded' ? 'start.ts' : 'start-distributed.ts'} --systems ticketing)\n` +
    table(rows) +
    `ratio ours / hello-world (medians): requests/s ${ratio(med('ours', rate), med('hello', rate))}, ` +
    `p50 ${ratio(med('ours', p('p50')), med('hello', p('p50')))}, p99 ${ratio(med('ours', p('p99')), med('hello', p('p99')))}\n` +
    `ratio gateway → events /health / hello-world: requests/s ${ratio(med('proxy', rate), med('hello', rate))}; ` +
    `ours / gateway → events /health: ${ratio(med('ours', rate), med('proxy', rate))}` +
    (of('direct').length > 0
      ? `; ours / events directly: ${ratio(med('ours', rate), med('direct', rate))}; ` +
        `events directly / hello-world: ${ratio(med('direct', rate), med('hello', rate))}`
      : '') +
    '\n\nserver-side time of the reads (the services’ own http_request_duration_seconds, the gateway’s includes the events service’s):\n' +
    table([
      ['service method route', 'requests', 'mean'],
      ...routeRows.map((r) => [r.key, int(r.count), ms(r.meanMs)]),
    ]) +
    `\nCPU during the reads through the gateway (/proc, ${fixed(wall, 1)} s of wall time):\n` +
    table([
      ['process', 'CPU s', 'per 1,000 reads', 'cores'],
      ...[...cpuSeconds]
        .sort(([, a], [, b]) => b - a)
        .map(([name, s]) => [name, fixed(s, 1), ms((s / requests) * 1e6), fixed(s / wall, 2)]),
    ]) +
    '\n'
  );
}

const hello = await startHello();
const all: ModeRuns[] = [];
try {
  for (const mode of modes) all.push(await measureMode(mode, hello.url));
} finally {
  await hello.stop();
}
process.stdout.write(all.map(report).join('\n'));
process.stdout.write(
  `\n${barChart(
    'requests/s, median of rounds',
    all.flatMap((m) =>
      (Object.keys(labels) as Which[])
        .filter((w) => m.runs.some((r) => r.which === w))
        .map((w) => {
          const value = median(m.runs.filter((r) => r.which === w).map(rate));
          return { label: `${m.mode}: ${labels[w]}`, value, text: `${int(value)}/s` };
        }),
    ),
  )}`,
);
for (const m of all) if (m.profile !== '') process.stdout.write(`\n${m.profile}\n`);
