// schemathesis against the embedded platform's one OpenAPI document (the gateway's /docs/json): every
// documented operation of every service, valid and invalid inputs, must answer without a server
// error and as documented (status code, content type, body schema, headers).
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runEmbeddedPlatform } from '@eventflow/host';
import { ensureSchemathesis, runSchemathesis } from '@eventflow/infra-local';
import { platform } from './platform.ts';

const root = join(import.meta.dirname, '..');

/** Endpoints a fuzzer cannot judge: a live stream that never ends, and binary downloads of what it never uploaded. */
/** … and the payment simulator's control, which a fuzzer would use to switch on an outage for everything after it. */
const excluded = '^/api/logs/stream$|^/api/proveedor-pagos/control$';

test('schemathesis finds no server error and no conformance failure in the platform’s /docs', async (t) => {
  const schemathesis = await ensureSchemathesis((message) => process.stderr.write(`${message}\n`));
  const data = await mkdtemp(join(tmpdir(), 'eventflow-conformance-'));
  const running = await runEmbeddedPlatform(platform, {
    env: { EVENTFLOW_DATA: data, GATEWAY_PORT: '0', LOG_LEVEL: 'silent' },
    root,
  });
  // In this order: the platform stops before its folder is removed.
  t.after(async () => {
    await running.close();
    await rm(data, { recursive: true, force: true });
  });

  // Every service with routes on the gateway is in the document (a service whose own /docs/json
  // failed used to drop out of it without a word, and out of this test with it).
  const doc = (await (await fetch(`${running.url}/docs/json`)).json()) as { paths: Record<string, unknown> };
  const paths = Object.keys(doc.paths);
  const missing = platform
    .filter((service) => service.routes.length > 0)
    .filter(
      (service) =>
        !service.routes.some((route) =>
          'path' in route ? paths.includes(route.path) : paths.some((p) => p.startsWith(route.prefix)),
        ),
    )
    .map((service) => service.name);
  assert.deepEqual(missing, [], 'services whose operations are missing from /docs/json');

  const work = await mkdtemp(join(tmpdir(), 'eventflow-schemathesis-'));
  t.after(() => rm(work, { recursive: true, force: true }));
  const result = await runSchemathesis(
    schemathesis,
    { schemaUrl: `${running.url}/docs/json`, excludePathRegex: excluded, maxExamples: 20 },
    { workDir: work },
  );
  const operations = result.junit.match(/<testcase /g)?.length ?? 0;
  process.stderr.write(`schemathesis: ${operations} operations tested\n`);
  assert.ok(operations >= 20, `every service's operations are tested (found ${operations})\n${result.output}`);
  assert.equal(result.exitCode, 0, result.output);
});
