// A thread that uploads or downloads files, `inFlight` requests at a time, and times each one:
// to our storage server (multipart POST /api/storage/upload; GET /api/storage/file/:id) or to
// nginx (PUT /files/<id>.pdf with the bytes as the body; GET /files/<id>.pdf).
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { epochMs, inParallel } from './threads.ts';

export type StorageTarget = 'ours' | 'nginx';

export interface StorageWork {
  readonly target: StorageTarget;
  readonly direction: 'upload' | 'download';
  readonly url: string;
  readonly count: number;
  readonly inFlight: number;
  /** File ids are `<prefix>-<n>`. */
  readonly prefix: string;
  readonly bytes: Uint8Array<ArrayBuffer>;
}

export interface StorageResult {
  /** Each request, sent → whole answer read, ms. */
  readonly latencies: number[];
  /** First request sent → last answer read, ms. */
  readonly elapsedMs: number;
  readonly bytes: number;
  /** How busy the client thread's event loop was, 0..1 (near 1: the client, not the server, sets the pace). */
  readonly clientBusy: number;
}

const port = parentPort!;
const work = workerData as StorageWork;
const file = new Blob([work.bytes], { type: 'application/pdf' });
const generatedAt = new Date().toISOString();

function request(n: number): { url: string; init: RequestInit; expect: number[] } {
  const id = `${work.prefix}-${n}`;
  if (work.direction === 'download') {
    const path = work.target === 'ours' ? `/api/storage/file/${id}` : `/files/${id}.pdf`;
    return { url: `${work.url}${path}`, init: {}, expect: [200] };
  }
  if (work.target === 'nginx') {
    return { url: `${work.url}/files/${id}.pdf`, init: { method: 'PUT', body: work.bytes }, expect: [201] };
  }
  const form = new FormData();
  form.append('correlationId', id);
  form.append('clientId', 'bench');
  form.append('generatedAt', generatedAt);
  form.append('fileName', `${id}.pdf`);
  form.append('file', file, `${id}.pdf`);
  return { url: `${work.url}/api/storage/upload`, init: { method: 'POST', body: form }, expect: [201] };
}

async function transfer(): Promise<StorageResult> {
  const latencies: number[] = [];
  let done = 0;
  let moved = 0;
  const timer = setInterval(() => port.postMessage({ type: 'progress', done }), 200);
  const began = epochMs();
  const loop = performance.eventLoopUtilization();
  try {
    await inParallel(work.count, work.inFlight, async (n) => {
      const { url, init, expect } = request(n);
      const sent = epochMs();
      const response = await fetch(url, init);
      const body = new Uint8Array(await response.arrayBuffer());
      latencies[n] = epochMs() - sent;
      if (!expect.includes(response.status)) {
        throw new Error(
          `${init.method ?? 'GET'} ${url} answered ${response.status}: ${new TextDecoder().decode(body.subarray(0, 300))}`,
        );
      }
      if (work.direction === 'download' && body.length !== work.bytes.length) {
        throw new Error(`GET ${url} gave ${body.length} bytes, not ${work.bytes.length}`);
      }
      moved += work.bytes.length;
      done++;
    });
  } finally {
    clearInterval(timer);
  }
  const clientBusy = performance.eventLoopUtilization(loop).utilization;
  return { latencies, elapsedMs: epochMs() - began, bytes: moved, clientBusy };
}

try {
  port.postMessage({ type: 'result', value: await transfer() });
} catch (error) {
  port.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
}
