// CPU time by process over a phase, read from /proc (Linux): the platform's processes (this
// benchmark's descendants, named by what they run), the servers they use (PostgreSQL's backends,
// FerretDB, Redis, the Kafka of `npm run infra:up`), this process (the client), and the rest of the
// machine (other people's work on a shared machine). Where a distributed run's cores went.
import { readdirSync, readFileSync } from 'node:fs';

/** /proc counts in USER_HZ ticks: 100 a second on Linux (sysconf(_SC_CLK_TCK)). */
const userHz = 100;

interface Proc {
  readonly pid: number;
  readonly ppid: number;
  readonly comm: string;
  /** utime + stime, clock ticks. */
  readonly ticks: number;
}

export interface CpuSnapshot {
  /** Ticks by group name. */
  readonly groups: ReadonlyMap<string, number>;
  /** Each of our processes' name, by pid (for naming their CPU profiles). */
  readonly names: ReadonlyMap<number, string>;
  /** The machine's busy and total ticks (all cores), from /proc/stat. */
  readonly machineBusy: number;
  readonly machineTotal: number;
  readonly at: number;
}

function readProc(pid: number): Proc | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const fields = stat.slice(close + 2).split(' ');
    // After "pid (comm) ": state ppid … utime is field 14 of stat, i.e. index 11 here; stime 12.
    return { pid, ppid: Number(fields[1]), comm, ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined; // gone meanwhile
  }
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}

/** What one of our processes is, from its command line. */
function ourName(pid: number): string {
  if (pid === process.pid) return 'bench client (this process)';
  const args = cmdline(pid);
  const service = /tools\/service\.ts (\S+)/.exec(args);
  if (service?.[1] !== undefined) return service[1];
  if (args.includes('tools/start-distributed.ts')) return 'launcher (start-distributed.ts)';
  if (args.includes('tools/start.ts')) return 'embedded platform (one process)';
  if (args.includes('hello.ts')) return 'bare Fastify hello-world';
  return `other child: ${args.slice(0, 60)}`;
}

function serverName(proc: Proc): string | undefined {
  if (proc.comm === 'postgres') return 'PostgreSQL (every backend on the machine)';
  if (proc.comm.startsWith('ferretdb')) return 'FerretDB';
  if (proc.comm === 'redis-server') return 'Redis';
  if (proc.comm === 'java') {
    const args = cmdline(proc.pid);
    if (args.includes('kafka.Kafka') && args.includes('/.data/infra/kafka/')) return 'Kafka (npm run infra:up)';
  }
  return undefined;
}

export function cpuSnapshot(): CpuSnapshot {
  const procs = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readProc(Number(name)))
    .filter((p): p is Proc => p !== undefined);
  const children = new Map<number, number[]>();
  for (const p of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p.pid]);
  const ours = new Set<number>();
  const visit = (pid: number) => {
    ours.add(pid);
    for (const child of children.get(pid) ?? []) visit(child);
  };
  visit(process.pid);

  const groups = new Map<string, number>();
  const names = new Map<number, string>();
  for (const p of procs) {
    const name = ours.has(p.pid) ? ourName(p.pid) : serverName(p);
    if (name === undefined) continue;
    if (ours.has(p.pid)) names.set(p.pid, name);
    groups.set(name, (groups.get(name) ?? 0) + p.ticks);
  }
  const [, ...counters] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/);
  const n = counters.map(Number);
  // user nice system idle iowait irq softirq steal
  const idle = (n[3] ?? 0) + (n[4] ?? 0);
  const total = n.slice(0, 8).reduce((a, b) => a + b, 0);
  return { groups, names, machineBusy: total - idle, machineTotal: total, at: performance.now() };
}

export interface CpuUsage {
  /** CPU seconds by group over the phase, largest first, and the rest of the machine. */
  readonly rows: ReadonlyArray<{ readonly name: string; readonly seconds: number }>;
  readonly wallSeconds: number;
  /** Cores busy on average over the phase (machine). */
  readonly machineCores: number;
}

/** `after − before`. Processes started or ended in between count only for the part seen. */
export function cpuUsage(before: CpuSnapshot, after: CpuSnapshot): CpuUsage {
  const rows: Array<{ name: string; seconds: number }> = [];
  let accounted = 0;
  for (const [name, ticks] of after.groups) {
    const seconds = (ticks - (before.groups.get(name) ?? 0)) / userHz;
    if (seconds <= 0) continue;
    rows.push({ name, seconds });
    accounted += seconds;
  }
  rows.sort((a, b) => b.seconds - a.seconds);
  const machine = (after.machineBusy - before.machineBusy) / userHz;
  rows.push({ name: 'the rest of the machine (other work)', seconds: Math.max(0, machine - accounted) });
  const wallSeconds = (after.at - before.at) / 1000;
  return { rows, wallSeconds, machineCores: machine / wallSeconds };
}
