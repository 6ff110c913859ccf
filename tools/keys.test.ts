// `npm run keys`: new keys that the keyring takes, and rotation through the users service.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseKeyring } from '@eventflow/privacy';
import { usersApp } from '@eventflow/ticketing-users/testing';
import { keysCommand } from './keys.ts';

async function run(args: string[]): Promise<{ code: number; text: string }> {
  let text = '';
  const code = await keysCommand(args, (chunk) => (text += chunk));
  return { code, text };
}

test('npm run keys -- new: a master key and an index key the keyring accepts', async () => {
  const { code, text } = await run(['new', '--id', 'k2']);
  assert.equal(code, 0, text);
  const [master, index] = text
    .split('\n')
    .filter((line) => line.startsWith('  '))
    .map((line) => line.trim());
  assert.match(master ?? '', /^k2:/);
  const keyring = parseKeyring({ masterKeys: master ?? '', indexKey: index ?? '' });
  assert.equal(keyring.current.id, 'k2');
});

test('npm run keys -- rotate: asks the users service to rewrap, and says how many', async (t) => {
  const { app } = await usersApp(t);
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const created = await fetch(`${url}/api/usuarios`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      tipo_documento: 'DNI',
      nro_documento: 'K1',
      nombre: 'K',
      apellido: 'R',
      email: 'k.r@example.test',
    }),
  });
  assert.equal(created.status, 201);
  const { code, text } = await run(['rotate', '--url', url]);
  assert.equal(code, 0, text);
  assert.match(text, /^rotated: 0 of 1 data keys rewrapped under master key test1 \(none left under another key\)/);
});

test('npm run keys: bad usage is a clear error, exit 2; an unreachable service, exit 1', async () => {
  assert.equal((await run([])).code, 2);
  assert.equal((await run(['spin'])).code, 2);
  assert.equal((await run(['new', '--id', 'bad id'])).code, 2);
  const down = await run(['rotate', '--url', 'http://127.0.0.1:9']);
  assert.equal(down.code, 1);
  assert.match(down.text, /does not answer/);
});
