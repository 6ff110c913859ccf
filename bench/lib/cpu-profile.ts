// A V8 CPU profile (`node --cpu-prof` writes `.cpuprofile` files) summarised as text: where the
// sampled time went, by module (npm package, our package or service, Node's internals, V8) and by
// function, as self time (the frame on top of the stack when sampled).
//   node bench/lib/cpu-profile.ts FILE.cpuprofile… [--top 20]
import { readFile } from 'node:fs/promises';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { fixed, table } from './format.ts';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  /** µs on the system's monotonic clock (CLOCK_MONOTONIC on Linux, as process.hrtime). */
  readonly startTime: number;
  readonly endTime: number;
  readonly samples?: readonly number[];
  readonly timeDeltas?: readonly number[];
}

/** A span of time on the monotonic clock, µs: `process.hrtime.bigint() / 1000n` of any process on the machine. */
export type Window = readonly [startUs: number, endUs: number];

export interface ProfileSummary {
  /** Sampled time, µs: all of it (in the windows, when given), and all but (idle). */
  readonly totalUs: number;
  readonly busyUs: number;
  /** The share of the profile's samples that fell in the windows (1 without windows). */
  readonly inWindows: number;
  /** Self time by module; Node's and native code's charged to the package that called them, if any. */
  readonly byModule: ReadonlyArray<{ readonly name: string; readonly us: number }>;
  readonly byFunction: ReadonlyArray<{ readonly name: string; readonly module: string; readonly us: number }>;
}

/** Now on the monotonic clock profiles use, µs. */
export function monotonicUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

const pseudo = /^\(.*\)$/;

/** The module a frame's script belongs to, for people ('' for native code and V8 builtins). */
export function moduleOf(frame: CallFrame): string {
  const url = frame.url;
  if (url === '') return pseudo.test(frame.functionName) ? frame.functionName : '';
  if (url.startsWith('node:')) {
    const parts = url.slice('node:'.length).split('/');
    return `node:${parts[0] === 'internal' ? parts.slice(0, 2).join('/') : parts[0]}`;
  }
  if (url.startsWith('wasm://')) return 'WebAssembly';
  const path = url.startsWith('file://') ? decodeURIComponent(url.slice('file://'.length)) : url;
  const modules = path.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const rest = path.slice(modules + '/node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') === true ? `${rest[0]}/${rest[1] ?? ''}` : (rest[0] ?? path);
  }
  const ours = /\/(packages\/[^/]+|services\/(?:[^/]+\/)*?[^/]+(?=\/src\/)|tools|bench|infra\/[^/]+)\//.exec(path);
  if (ours?.[1] !== undefined) return ours[1];
  return path;
}

export function summarise(profile: CpuProfile, windows?: readonly Window[]): ProfileSummary {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  /**
   * The nearest module up the stack that is not Node's, native code or WebAssembly: the package that
   * made Node (or V8, or its WebAssembly) do the work. Frames with no such caller (the event loop's
   * own, GC) keep their own module.
   */
  const caller = new Map<number, string | undefined>();
  const userModule = (id: number): string | undefined => {
    if (caller.has(id)) return caller.get(id);
    const frame = nodes.get(id)?.callFrame;
    const own = frame === undefined ? '' : moduleOf(frame);
    const parent = parents.get(id);
    const found =
      own !== '' && own !== 'WebAssembly' && !own.startsWith('node:') && !pseudo.test(own)
        ? own
        : parent === undefined
          ? undefined
          : userModule(parent);
    caller.set(id, found);
    return found;
  };
  const ownerOf = (id: number): string => {
    const frame = nodes.get(id)?.callFrame;
    const own = frame === undefined ? '' : moduleOf(frame);
    if (pseudo.test(own)) return own;
    return userModule(id) ?? immediate(id);
  };
  /** The frame's own module (Node's or native included). */
  const immediate = (id: number): string => {
    const frame = nodes.get(id)?.callFrame;
    const own = frame === undefined ? '' : moduleOf(frame);
    if (own !== '') return own;
    const parent = parents.get(id);
    return parent === undefined ? 'V8 builtins and native code' : immediate(parent);
  };

  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const mean = samples.length > 0 ? (profile.endTime - profile.startTime) / samples.length : 0;
  const self = new Map<number, number>();
  let at = profile.startTime;
  let kept = 0;
  samples.forEach((id, i) => {
    at += deltas[i] ?? 0;
    if (windows !== undefined && !windows.some(([from, to]) => at >= from && at <= to)) return;
    kept++;
    // A sample stands for the time until the next one (the last: the mean interval).
    self.set(id, (self.get(id) ?? 0) + (deltas[i + 1] ?? mean));
  });

  const modules = new Map<string, number>();
  const functions = new Map<string, { name: string; module: string; us: number }>();
  let totalUs = 0;
  let idleUs = 0;
  for (const [id, us] of self) {
    const frame = nodes.get(id)?.callFrame;
    if (frame === undefined) continue;
    totalUs += us;
    if (frame.functionName === '(idle)') {
      idleUs += us;
      continue;
    }
    const module = ownerOf(id);
    modules.set(module, (modules.get(module) ?? 0) + us);
    const where = immediate(id);
    const file = frame.url.split('/').at(-1) ?? '';
    const native = frame.url === '' && !pseudo.test(frame.functionName);
    const name = `${frame.functionName || '(anonymous)'}${native ? ' (native)' : file === '' ? '' : ` ${file}:${frame.lineNumber + 1}`}`;
    const shown = where === module ? module : `${where} ← ${module}`;
    const key = `${name}|${shown}`;
    const entry = functions.get(key) ?? { name, module: shown, us: 0 };
    entry.us += us;
    functions.set(key, entry);
  }
  return {
    totalUs,
    busyUs: totalUs - idleUs,
    inWindows: samples.length === 0 ? 0 : kept / samples.length,
    byModule: [...modules].map(([name, us]) => ({ name, us })).sort((a, b) => b.us - a.us),
    byFunction: [...functions.values()].sort((a, b) => b.us - a.us),
  };
}

/** The summary as text: busy share, then the top modules and functions by self time (% of busy). */
export function profileReport(title: string, summary: ProfileSummary, top = 20): string {
  const share = (us: number) => `${fixed((us / summary.busyUs) * 100, 1)} %`;
  const seconds = (us: number) => `${fixed(us / 1e6, 2)} s`;
  const window =
    summary.inWindows < 1 ? `, the measured runs only (${fixed(summary.inWindows * 100, 0)} % of its samples)` : '';
  return (
    `${title}: ${seconds(summary.totalUs)} sampled${window}, ${seconds(summary.busyUs)} busy ` +
    `(${fixed((summary.busyUs / summary.totalUs) * 100, 0)} % of the time not idle)\n` +
    table([
      ['module (self time; Node and native code charged to the package that called them)', 'busy', 'share'],
      ...summary.byModule.slice(0, top).map((m) => [m.name, seconds(m.us), share(m.us)]),
    ]) +
    '\n' +
    table([
      ['function (self time)', 'module ← called from', 'share'],
      ...summary.byFunction.slice(0, top).map((f) => [f.name, f.module, share(f.us)]),
    ])
  );
}

export async function readProfile(file: string): Promise<CpuProfile> {
  return JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
}

if (process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string' } } });
  for (const file of positionals) {
    process.stdout.write(`${profileReport(file, summarise(await readProfile(file)), Number(values.top ?? 20))}\n`);
  }
}
