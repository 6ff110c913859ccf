import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { test, type TestContext } from 'node:test';
import { crashBeforeMetadata } from '../testing/crash.ts';
import { minimalPdf, pdfOfSize } from '../testing/pdf.ts';
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

test('open() skips what is not a committed file: bad metadata, a missing PDF; a PDF without metadata is not served', async (t) => {
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

test('open() adopts a PDF a crash left without its metadata when its staged metadata verifies the bytes', async (t) => {
  const root = await tempRoot(t);
  await store(root, 'kept');
  await store(root, 'crashed', pdfOfSize(1 << 20, 'crashed'));
  const day = join(root, '2025-09-10');
  const metadata = await readFile(join(day, 'crashed.json'), 'utf8');
  await crashBeforeMetadata(root, '2025-09-10', 'crashed');

  const reopened = new FileStore({ root });
  const loaded = await reopened.open();

  assert.deepEqual(loaded.files.map((f) => f.correlationId).sort(), ['crashed', 'kept']);
  assert.deepEqual(loaded.adopted, ['2025-09-10/crashed.pdf']);
  assert.deepEqual(loaded.removed, []);
  assert.equal(reopened.get('crashed')?.size, 1 << 20);
  assert.equal(await readFile(join(day, 'crashed.json'), 'utf8'), metadata);
  assert.deepEqual(await readdir(join(root, '.incoming')), []);
});

test('open() removes a PDF left without metadata that nothing verifies: no staged metadata, other bytes, an id stored elsewhere', async (t) => {
  const root = await tempRoot(t);
  await store(root, 'kept');
  await store(root, 'tampered');
  const day = join(root, '2025-09-10');
  await crashBeforeMetadata(root, '2025-09-10', 'tampered');
  await writeFile(join(day, 'tampered.pdf'), minimalPdf('other bytes of the same size!'));
  await writeFile(join(day, 'orphan.pdf'), pdfOfSize(1 << 20));
  await mkdir(join(root, '2025-09-09'));
  await writeFile(join(root, '2025-09-09', 'kept.pdf'), minimalPdf('kept'));
  await writeFile(join(day, 'notes.txt'), 'not ours to judge');

  const reopened = new FileStore({ root });
  const loaded = await reopened.open();

  assert.deepEqual(
    loaded.files.map((f) => f.correlationId),
    ['kept'],
  );
  assert.deepEqual(loaded.adopted, []);
  assert.deepEqual(loaded.removed.map((r) => [r.path, r.reason]).sort(), [
    ['2025-09-09/kept.pdf', 'correlation id stored in another folder'],
    ['2025-09-10/orphan.pdf', 'no staged metadata'],
    ['2025-09-10/tampered.pdf', 'bytes differ from the staged metadata'],
  ]);
  assert.deepEqual((await readdir(day)).sort(), ['kept.json', 'kept.pdf', 'notes.txt']);
  assert.deepEqual(await readdir(join(root, '2025-09-09')), []);
  assert.deepEqual(await readdir(join(root, '.incoming')), []);
  assert.equal(reopened.get('tampered'), undefined);
});

test('probe() writes for real in the root and leaves nothing', async (t) => {
  const root = await tempRoot(t);
  const files = new FileStore({ root });
  await files.open();

  assert.match(await files.probe(), /^writable: /);
  assert.deepEqual(await readdir(root), ['.incoming']);
});
