// `npm run keys`: the keys that protect personal data (issue 11; the host's `keys` port).
//
//   npm run keys -- new [--id k2]          a new master key (and an index key) to configure
//   npm run keys -- rotate [--url URL]     rewrap every data key under the current master key
//
// Rotation, step by step: `new` gives a key; add it to PRIVACY_MASTER_KEYS (keep the old one listed)
// and name it in PRIVACY_MASTER_KEY_ID; restart the users service; `rotate` rewraps every person's
// data key under it (the data is not re-encrypted) and says how many; once it says 0 rewrapped, the
// old key can leave PRIVACY_MASTER_KEYS. `--url` is the users service itself (its /internal route is
// never on the gateway): http://127.0.0.1:8201 under `npm run start:distributed`.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';

const usage = `Usage:
  npm run keys -- new [--id <id>]        print a new master key (id:base64) and a new index key
  npm run keys -- rotate [--url <url>]   rewrap every data key under the current master key
                                         (the users service's URL; default http://127.0.0.1:8201)
`;

export async function keysCommand(args: readonly string[], out: (text: string) => void): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      options: { id: { type: 'string' }, url: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    });
  } catch (error) {
    out(`npm run keys: ${(error as Error).message}\n${usage}`);
    return 2;
  }
  const [command, ...rest] = parsed.positionals;
  if (parsed.values.help === true || command === undefined) {
    out(usage);
    return command === undefined && parsed.values.help !== true ? 2 : 0;
  }
  if (rest.length > 0) {
    out(`npm run keys: unexpected ${rest.join(' ')}\n${usage}`);
    return 2;
  }
  if (command === 'new') {
    const id = parsed.values.id ?? `k${new Date().toISOString().slice(0, 10).replaceAll('-', '')}`;
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(id)) {
      out(`npm run keys: --id is 1-32 of A-Z a-z 0-9 _ -\n`);
      return 2;
    }
    out(
      `master key (add it to PRIVACY_MASTER_KEYS, keep the old ones listed; PRIVACY_MASTER_KEY_ID=${id}):\n` +
        `  ${id}:${randomBytes(32).toString('base64')}\n` +
        `index key (PRIVACY_INDEX_KEY; only for a new platform: changing it breaks every lookup):\n` +
        `  ${randomBytes(32).toString('base64')}\n`,
    );
    return 0;
  }
  if (command === 'rotate') {
    const url = parsed.values.url ?? 'http://127.0.0.1:8201';
    let response: Response;
    try {
      response = await fetch(`${url}/internal/usuarios/claves/rotar`, { method: 'POST' });
    } catch (error) {
      out(`npm run keys: the users service at ${url} does not answer (${(error as Error).message}); --url names it\n`);
      return 1;
    }
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok) {
      out(`npm run keys: ${url} answered ${response.status}: ${JSON.stringify(body)}\n`);
      return 1;
    }
    out(
      `rotated: ${String(body['rewrapped'])} of ${String(body['checked'])} data keys rewrapped under master key ` +
        `${String(body['master_key'])}${body['rewrapped'] === 0 ? ' (none left under another key)' : ''}\n`,
    );
    return 0;
  }
  out(`npm run keys: unknown command ${command}\n${usage}`);
  return 2;
}

if (import.meta.main) {
  process.exitCode = await keysCommand(process.argv.slice(2), (text) => process.stdout.write(text));
}
