import { createServer } from 'node:net';

/**
 * A TCP port nothing listens on right now, on `host` (the OS picks it). Another process may take it
 * before you listen; good for tests, demos and benchmarks that start servers on loopback.
 */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no free port')),
      );
    });
  });
}

/**
 * The first of `count` consecutive ports that nothing listens on, below the kernel's ephemeral range
 * (where outgoing connections take their local ports, so a port found free there can be taken by a
 * client socket before a server binds it). For platforms that number their services from a base
 * port (`SERVICE_PORT_BASE`). Tried at random bases in [20000, 32000), so concurrent callers rarely meet.
 */
export async function freePortRange(count: number, host = '127.0.0.1'): Promise<number> {
  for (let tries = 0; tries < 50; tries += 1) {
    const base = 20_000 + Math.floor(Math.random() * (12_000 - count));
    let free = true;
    for (let port = base; port < base + count && free; port += 1) free = await canListen(port, host);
    if (free) return base;
  }
  throw new Error(`no ${count} consecutive free ports found in [20000, 32000)`);
}

function canListen(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}
