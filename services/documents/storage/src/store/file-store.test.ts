import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { test, type TestContext } from 'node:test';
import { minimalPdf } from '../testing/pdf.ts';
import { FileStore, type UploadFields } from './file-store.ts';

async function tempRoot(t: TestContext): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'file-store-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  return root;
}

const fields = (correlationId: string): UploadFields => ({
  correlationId,
  clientId: 'c',
  fileName: 'f.pdf',
  generatedAt: '2025-09-10T08:00:00Z',
});

async function store(root: string, id: string, bytes = minimalPdf(id)): Promise<void> {
  const files = new FileStore({ root });
  await files.open();
  await files.commit(await files.stage(Readable.from([bytes]), 1 << 20), fields(id));
}

test('open() rebuilds the index from the metadata on disk and clears uploads left staged', async (t) => {
  const root = await tempRoot(t);
  await store(root, 'one');
  await store(root, 'two');
  await writeFile(join(root, '.incoming', 'crashed.pdf.part'), 'half an upload');

  const reopened = new FileStore({ root });
  const loaded = await reopened.open();

  assert.deepEqual(loaded.files.map((f) => f.correlationId).sort(), ['one', 'two']);
  assert.equal(loaded.discardedStaged, 1);
  assert.deepEqual(await readdir(join(root, '.incoming')), []);
  assert.equal(reopened.get('one')?.path, '2025-09-10/one.pdf');
});

test('open() skips what is not a committed file: a PDF without metadata, bad metadata, a missing PDF', async (t) => {
  const root = await tempRoot(t);
  await store(root, 'kept');
  await store(root, 'lost');
  const day = join(root, '2025-09-10');
  await writeFile(join(day, 'orphan.pdf'), minimalPdf());
  await writeFile(join(day, 'junk.json'), '{ not json');
  await rm(join(day, 'lost.pdf'));
  await mkdir(join(root, 'not-a-date'));
  await writeFile(join(root, 'not-a-date', 'x.json'), '{}');

  const reopened = new FileStore({ root });
  const loaded = await reopened.open();

  assert.deepEqual(
    loaded.files.map((f) => f.correlationId),
    ['kept'],
  );
  assert.deepEqual(loaded.skipped.map((s) => [s.path, s.reason]).sort(), [
    ['2025-09-10/junk.json', 'not storage metadata'],
    ['2025-09-10/lost.json', 'file missing'],
  ]);
  assert.equal(reopened.get('orphan'), undefined);
});

test('probe() writes for real in the root and leaves nothing', async (t) => {
  const root = await tempRoot(t);
  const files = new FileStore({ root });
  await files.open();

  assert.match(await files.probe(), /^writable: /);
  assert.deepEqual(await readdir(root), ['.incoming']);
});
