#!/usr/bin/env node
// npm run infra:up | infra:down | infra:status
import { down, status, up } from './infra.ts';

const usage = 'usage: node infra/local/src/cli.ts up | down | status';

async function main(command: string | undefined): Promise<number> {
  switch (command) {
    case 'up': {
      const began = Date.now();
      const started = await up();
      process.stderr.write(
        started.length === 0
          ? 'infra: everything was already running; nothing to do\n'
          : `infra: started ${started.join(', ')} in ${((Date.now() - began) / 1000).toFixed(1)} s; stop them with npm run infra:down\n`,
      );
      return 0;
    }
    case 'down':
      await down();
      return 0;
    case 'status': {
      const rows = await status();
      for (const row of rows) {
        const state = row.probe.ok ? 'up  ' : 'down';
        const owner =
          row.owner === 'infra/local'
            ? `infra/local pid ${row.pid}`
            : row.owner === 'user'
              ? 'yours (env)'
              : row.probe.ok
                ? 'external'
                : '-';
        process.stdout.write(
          `${row.name.padEnd(8)} ${state}  ${row.address.padEnd(58)} ${owner.padEnd(22)} ${row.probe.detail}\n`,
        );
      }
      return rows.every((row) => row.probe.ok) ? 0 : 3;
    }
    default:
      process.stderr.write(`${usage}\n`);
      return 2;
  }
}

main(process.argv[2]).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`infra: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
