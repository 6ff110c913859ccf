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
