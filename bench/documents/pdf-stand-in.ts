// A thread that plays the PDF server for the job benchmarks. `stub`: answers POST /api/pdf/reports
// at once with a stored file's metadata (no PDF, no storage), so a job's work costs one real HTTP
// call and the job server's own work is what is left. `real`: the PDF server and the storage server
// themselves (pdfkit rendering, a multipart upload, SHA-256 and fsyncs into a temporary root).
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { pdfService } from '@eventflow/pdf-service';
import { buildService, serveApp, type RunningService } from '@eventflow/service';
import { storageService } from '@eventflow/storage-service';

export type StandInMode = 'stub' | 'real';

const port = parentPort!;
const mode = (workerData as { mode: StandInMode }).mode;

async function stub(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { correlationId: string; clientId: string };
      const stored = {
        correlationId: body.correlationId,
        clientId: body.clientId,
        fileName: `report-${body.clientId}.pdf`,
        size: 0,
        sha256: '',
        storedAt: new Date().toISOString(),
        path: '',
        duplicate: false,
      };
      response.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify(stored));
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: listening } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${listening}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function real(): Promise<{ url: string; close(): Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'eventflow-bench-reports-'));
  const running: RunningService[] = [];
  const quiet = { logger: false } as const;
  const storage = await serveApp(buildService(storageService({ root }), quiet), { host: '127.0.0.1', port: 0 });
  running.push(storage);
  const pdf = await serveApp(buildService(pdfService({ storage: { url: storage.url } }), quiet), {
    host: '127.0.0.1',
    port: 0,
  });
  running.push(pdf);
  return {
    url: pdf.url,
    async close() {
      for (const service of running.reverse()) await service.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

try {
  const served = mode === 'stub' ? await stub() : await real();
  port.on('message', () => {
    // Exit the thread even if a client's idle keep-alive sockets would keep it alive.
    void served.close().finally(() => process.exit(0));
  });
  port.postMessage({ type: 'ready', value: served.url });
} catch (error) {
  port.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
}
