import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { crashBeforeMetadata } from '../testing/crash.ts';
import { storageHarness, upload } from '../testing/harness.ts';
import { minimalPdf, pdfOfSize } from '../testing/pdf.ts';

test('a restart after a crash between a PDF and its metadata adopts or removes the orphan, and the log counts both', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'storage-recovery-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const first = await storageHarness(t, { root });
  const bytes = pdfOfSize(1 << 20, 'half-committed');
  assert.equal((await upload(first.app, { correlationId: 'half-committed', file: { bytes } })).statusCode, 201);
  await first.app.close();
  await crashBeforeMetadata(root, '2025-09-10', 'half-committed');
  await writeFile(join(root, '2025-09-10', 'unclaimed.pdf'), minimalPdf('unclaimed'));

  const second = await storageHarness(t, { root });

  const loaded = second.lines.find((line) => line['msg'] === 'storage index loaded');
  assert.deepEqual(
    {
      files: loaded?.['files'],
      adoptedOrphans: loaded?.['adoptedOrphans'],
      removedOrphans: loaded?.['removedOrphans'],
    },
    { files: 1, adoptedOrphans: 1, removedOrphans: 1 },
  );
  const warned = second.lines.filter((line) => /storage: orphan/.test(String(line['msg'])));
  assert.deepEqual(warned.map((line) => [line['path'], line['msg']]).sort(), [
    ['2025-09-10/half-committed.pdf', 'storage: orphan adopted'],
    ['2025-09-10/unclaimed.pdf', 'storage: orphan removed'],
  ]);
  const download = await second.app.inject({ method: 'GET', url: '/api/storage/file/half-committed' });
  assert.equal(download.statusCode, 200);
  assert.deepEqual(download.rawPayload, bytes);
  assert.deepEqual((await readdir(join(root, '2025-09-10'))).sort(), ['half-committed.json', 'half-committed.pdf']);
});

test('a metadata file a crash left empty or cut short in .incoming does not stop the restart (it crash-looped for 11 minutes in a trial)', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'storage-recovery-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const first = await storageHarness(t, { root });
  assert.equal(
    (await upload(first.app, { correlationId: 'before-crash', file: { bytes: minimalPdf('x') } })).statusCode,
    201,
  );
  await first.app.close();
  const incoming = join(root, '.incoming');
  await writeFile(join(incoming, 'empty.json.part'), '');
  await writeFile(join(incoming, 'cut.json.part'), '{"correlationId":"cut","fil');

  const second = await storageHarness(t, { root });
  const download = await second.app.inject({ method: 'GET', url: '/api/storage/file/before-crash' });
  assert.equal(download.statusCode, 200, 'the restarted service serves what it stored');
});
