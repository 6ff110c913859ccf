// The measured phases, the same code for every contender: closed-loop appends on concurrent streams,
// then read latency (whole streams) and global-order page throughput over data prepared alike.
import { randomBytes } from 'node:crypto';
import { within } from '../lib/deadline.ts';
import { int } from '../lib/format.ts';
import { say } from '../lib/progress.ts';
import { summarize, type Summary } from '../lib/stats.ts';
import type { Contender } from './contender.ts';
import { benchEvents } from './payload.ts';

export interface AppendFigures {
  /** Appends that started after the warm-up and finished inside the measured window. */
  readonly appends: number;
  readonly events: number;
  readonly seconds: number;
  /** Milliseconds per append, those same appends. */
  readonly latency: Summary;
}

export interface AppendOptions {
  readonly label: string;
  readonly streams: number;
  readonly eventsPerAppend: number;
  readonly seconds: number;
  readonly warmUpSeconds: number;
}

/** Shows how far a timed phase is, every 2 seconds, on stderr. */
function ticker(label: string, totalSeconds: number, count: () => string): () => void {
  const began = performance.now();
  const timer = setInterval(() => {
    const elapsed = (performance.now() - began) / 1000;
    say(`${label}: ${elapsed.toFixed(0)}/${totalSeconds.toFixed(0)} s, ${count()}`);
  }, 2000);
  return () => clearInterval(timer);
}

/** `streams` writers, each appending to a stream of its own with the expected version, one append after another. */
export async function appendPhase(contender: Contender, options: AppendOptions): Promise<AppendFigures> {
  const began = performance.now();
  const measureFrom = began + options.warmUpSeconds * 1000;
  const end = measureFrom + options.seconds * 1000;
  const latencies: number[] = [];
  const run = randomBytes(3).toString('hex');
  const writer = async (index: number): Promise<void> => {
    const streamId = `concert-${run}-${index}`;
    let version = 0;
    while (performance.now() < end) {
      const events = benchEvents(streamId, version + 1, options.eventsPerAppend);
      const start = performance.now();
      version = await contender.append(streamId, events, version);
      const done = performance.now();
      if (start >= measureFrom && done <= end) latencies.push(done - start);
    }
  };
  const stop = ticker(options.label, options.warmUpSeconds + options.seconds, () => `${int(latencies.length)} appends`);
  try {
    const writers = Array.from({ length: options.streams }, (_, index) => writer(index));
    await within(Promise.all(writers), (options.warmUpSeconds + options.seconds + 60) * 1000, options.label);
  } finally {
    stop();
  }
  return {
    appends: latencies.length,
    events: latencies.length * options.eventsPerAppend,
    seconds: options.seconds,
    latency: summarize(latencies),
  };
}

export interface ReadData {
  readonly small: string;
  readonly large: string;
  readonly smallEvents: number;
  readonly largeEvents: number;
  /** Events in the store after preparing: what a readAll pass goes through. */
  readonly total: number;
}

/** Writes the streams the read phase reads: one of `smallEvents`, one of `largeEvents`, then filler up to `total`. */
export async function prepareReads(
  contender: Contender,
  sizes: { small: number; large: number; total: number },
): Promise<ReadData> {
  const run = randomBytes(3).toString('hex');
  let written = 0;
  const fill = async (streamId: string, count: number): Promise<void> => {
    let version = 0;
    while (version < count) {
      const batch = Math.min(100, count - version);
      version = await contender.append(streamId, benchEvents(streamId, version + 1, batch), version);
    }
    written += count;
  };
  const small = `concert-${run}-small`;
  const large = `concert-${run}-large`;
  const work = async (): Promise<void> => {
    await fill(small, sizes.small);
    await fill(large, sizes.large);
    for (let filler = 0; written < sizes.total; filler += 1) {
      await fill(`concert-${run}-filler${filler}`, Math.min(sizes.large, sizes.total - written));
    }
  };
  await within(work(), 300_000, 'writing the read phase streams');
  return { small, large, smallEvents: sizes.small, largeEvents: sizes.large, total: written };
}

export interface ReadStreamFigures {
  readonly reads: number;
  readonly latency: Summary;
}

/** One reader reading the whole stream again and again for `seconds`; every read must return `expected` events. */
export async function readStreamPhase(
  contender: Contender,
  streamId: string,
  expected: number,
  seconds: number,
  label: string,
): Promise<ReadStreamFigures> {
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  const stop = ticker(label, seconds, () => `${int(latencies.length)} reads`);
  const work = async (): Promise<void> => {
    while (performance.now() < end) {
      const start = performance.now();
      const count = await contender.readStream(streamId);
      latencies.push(performance.now() - start);
      if (count !== expected) throw new Error(`${label}: read ${count} events, expected ${expected}`);
    }
  };
  try {
    await within(work(), (seconds + 60) * 1000, label);
  } finally {
    stop();
  }
  return { reads: latencies.length, latency: summarize(latencies) };
}

export interface ReadAllFigures {
  readonly passes: number;
  readonly pages: number;
  readonly events: number;
  readonly seconds: number;
  /** Milliseconds per page that returned events. */
  readonly latency: Summary;
  /** Events one pass returned (the fewest of any pass): less than the store holds only while a transaction elsewhere holds readers back. */
  readonly eventsPerPass: number;
}

/** Reads the global order from the start to the end in pages, pass after pass, for `seconds` and at least one whole pass. */
export async function readAllPhase(
  contender: Contender,
  pageSize: number,
  seconds: number,
  label: string,
): Promise<ReadAllFigures> {
  const latencies: number[] = [];
  let events = 0;
  let passes = 0;
  let eventsPerPass = Number.POSITIVE_INFINITY;
  const began = performance.now();
  const end = began + seconds * 1000;
  const stop = ticker(label, seconds, () => `${int(latencies.length)} pages`);
  const work = async (): Promise<void> => {
    while (passes === 0 || performance.now() < end) {
      const reader = contender.readAll(pageSize);
      let inPass = 0;
      let whole = true;
      for (;;) {
        const start = performance.now();
        const count = await reader.next();
        if (count === 0) break;
        latencies.push(performance.now() - start);
        inPass += count;
        if (passes > 0 && performance.now() >= end) {
          whole = false;
          break;
        }
      }
      events += inPass;
      if (whole) {
        passes += 1;
        eventsPerPass = Math.min(eventsPerPass, inPass);
      }
    }
  };
  try {
    await within(work(), (seconds + 300) * 1000, label);
  } finally {
    stop();
  }
  return {
    passes,
    pages: latencies.length,
    events,
    seconds: (performance.now() - began) / 1000,
    latency: summarize(latencies),
    eventsPerPass: Number.isFinite(eventsPerPass) ? eventsPerPass : Number.NaN,
  };
}
