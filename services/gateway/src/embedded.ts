import { access, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HostedService } from './health.ts';

/**
 * The services the embedded platform hosts in this process. For now the gateway alone; each system
 * adds its services here as it arrives, with the real checks of its dependencies.
 */
export function embeddedServices(dataDir: string): HostedService[] {
  return [
    {
      name: 'gateway',
      dependencies: [
        {
          name: 'data-dir',
          // A real write: the embedded engines keep everything in this folder.
          async check() {
            await mkdir(dataDir, { recursive: true });
            const probe = join(dataDir, `.health-${process.pid}`);
            await writeFile(probe, 'ok');
            await rm(probe);
            await access(dataDir);
            return `writable: ${dataDir}`;
          },
        },
      ],
    },
  ];
}
