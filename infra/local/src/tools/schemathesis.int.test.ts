import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildService, freePort, type RoutePlugin } from '@eventflow/service';
import { runSchemathesis } from './schemathesis-run.ts';
import { ensureSchemathesis, schemathesisVersion } from './schemathesis.ts';

const item = {
  type: 'object',
  required: ['name', 'quantity'],
  additionalProperties: false,
  properties: { name: { type: 'string', minLength: 1, maxLength: 40 }, quantity: { type: 'integer', minimum: 1 } },
} as const;

/** A conforming route (its 400 problem+json documented) and one whose handler throws: an undocumented 500. */
const routes: RoutePlugin = (app) => {
  app.post(
    '/api/items',
    {
      schema: {
        body: item,
        response: {
          201: {
            type: 'object',
            required: ['id', 'name', 'quantity'],
            properties: { id: { type: 'string' }, ...item.properties },
          },
          400: {
            description: 'Invalid item',
            content: { 'application/problem+json': { schema: { $ref: 'problem#' } } },
          },
        },
      },
    },
    async (request, reply) => reply.code(201).send({ id: 'item-1', ...(request.body as object) }),
  );
  app.get(
    '/api/broken',
    { schema: { response: { 200: { type: 'object', properties: { ok: { type: 'boolean' } } } } } },
    () => {
      throw new Error('deliberately broken: the kit answers 500 problem+json');
    },
  );
};

test('schemathesis passes a conforming route and names the failure of one that answers 500', async (t) => {
  const executable = await ensureSchemathesis((message) => t.diagnostic(message));
  const app = buildService({ name: 'schemathesis-probe', routes: [routes] }, { logger: false, defaultMetrics: false });
  t.after(() => app.close());
  const port = await freePort();
  await app.listen({ host: '127.0.0.1', port });
  const schemaUrl = `http://127.0.0.1:${port}/docs/json`;
  const work = mkdtempSync(join(tmpdir(), 'schemathesis-it-'));
  t.after(() => rmSync(work, { recursive: true, force: true }));

  const passing = await runSchemathesis(
    executable,
    { schemaUrl, excludePathRegex: '^/api/broken$', requestTimeoutSeconds: 5 },
    { workDir: join(work, 'passing'), timeoutMs: 120_000 },
  );
  assert.equal(passing.exitCode, 0, passing.output);
  assert.match(passing.junit, /<testcase name="POST \/api\/items"[^>]*\/>/);
  assert.doesNotMatch(passing.junit, /api\/broken/);

  const failing = await runSchemathesis(
    executable,
    { schemaUrl, requestTimeoutSeconds: 5 },
    { workDir: join(work, 'failing'), timeoutMs: 120_000 },
  );
  assert.equal(failing.exitCode, 1, failing.output);
  assert.match(failing.output, /GET \/api\/broken[\s\S]*ST101 Server error/);
  assert.match(failing.junit, /<testcase name="GET \/api\/broken"[^>]*>\s*<failure[^>]*message="[^"]*ST101/);
  assert.match(failing.junit, /<testcase name="POST \/api\/items"[^>]*\/>/, 'the conforming route still passes');
});

test('ensureSchemathesis redoes a half-finished install, then finds the finished one fast', async (t) => {
  const cache = mkdtempSync(join(tmpdir(), 'schemathesis-cache-'));
  t.after(() => rmSync(cache, { recursive: true, force: true }));
  const half = join(cache, `schemathesis-${schemathesisVersion}`, 'venv', 'bin');
  mkdirSync(half, { recursive: true });
  writeFileSync(join(half, 'schemathesis'), '#!/bin/sh\nexit 3\n', { mode: 0o755 });

  const progress: string[] = [];
  const executable = await ensureSchemathesis((message) => progress.push(message), { cache });
  assert.equal(executable, join(half, 'schemathesis'));
  assert.ok(existsSync(join(cache, `schemathesis-${schemathesisVersion}`, 'installed')), 'marker written');
  assert.ok(
    progress.some((message) => message.includes('pip install')),
    `reinstalled: ${progress.join(' | ')}`,
  );

  const started = performance.now();
  const again = await ensureSchemathesis((message) => progress.push(`again: ${message}`), { cache });
  const elapsedMs = performance.now() - started;
  assert.equal(again, executable);
  assert.ok(elapsedMs < 100, `cached call took ${elapsedMs} ms`);
  assert.ok(!progress.some((message) => message.startsWith('again:')), 'the cached call installs nothing');
});
