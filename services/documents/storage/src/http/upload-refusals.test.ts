import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertProblem, type ExpectedProblem } from '@eventflow/service/testing';
import { storageHarness, tree, upload, type UploadInput } from '../testing/harness.ts';
import { minimalPdf, pdfOfSize } from '../testing/pdf.ts';

const maxBytes = 4096;

const refusals: ReadonlyArray<readonly [string, UploadInput, ExpectedProblem]> = [
  ['bytes that are not a PDF', { file: { bytes: Buffer.from('GIF89a not a pdf at all') } }, notAPdf()],
  ['a PDF declared as another type', { file: { bytes: minimalPdf(), type: 'image/png' } }, notAPdf()],
  ['an empty file', { file: { bytes: new Uint8Array() } }, notAPdf()],
  ['a file over the limit', { file: { bytes: pdfOfSize(maxBytes + 1) } }, { status: 413, code: 'STORAGE.TOO_LARGE' }],
  [
    'a file far over the limit',
    { file: { bytes: pdfOfSize(maxBytes * 50) } },
    { status: 413, code: 'STORAGE.TOO_LARGE' },
  ],
  ['no file part', { file: null }, invalid()],
  ['the file sent as a text field', { file: null, fileName: 'x.pdf' }, invalid()],
  ['no correlationId', { correlationId: undefined }, invalid()],
  ['no clientId', { clientId: undefined }, invalid()],
  ['no generatedAt', { generatedAt: undefined }, invalid()],
  ['no fileName', { fileName: undefined }, invalid()],
  ['a generatedAt that is not a date-time', { generatedAt: 'yesterday' }, invalid()],
  ['a generatedAt without a zone', { generatedAt: '2025-09-10T08:30:00' }, invalid()],
  ['an impossible date', { generatedAt: '2025-02-30T08:30:00Z' }, invalid()],
  ['a correlationId that climbs out', { correlationId: '../x' }, invalid()],
  ['a correlationId of ..', { correlationId: '..' }, invalid()],
  ['a correlationId with a slash', { correlationId: 'a/b' }, invalid()],
  ['a correlationId over 100 characters', { correlationId: 'x'.repeat(101) }, invalid()],
  ['a clientId with a backslash', { clientId: 'a\\b' }, invalid()],
  ['a fileName with a slash', { fileName: 'dir/report.pdf' }, invalid()],
  ['a fileName with a backslash', { fileName: '..\\report.pdf' }, invalid()],
  ['a fileName not ending .pdf', { fileName: 'report.exe' }, invalid()],
  ['a file in another field', { file: { bytes: minimalPdf(), field: 'attachment' } }, unexpected()],
];

for (const [name, input, expected] of refusals) {
  test(`${name} is refused (${expected.status} ${expected.code}) and nothing is written`, async (t) => {
    const { app, root } = await storageHarness(t, { maxBytes });
    const before = await tree(root);

    assertProblem(await upload(app, { correlationId: 'refused', ...input }), expected);

    assert.deepEqual(await tree(root), before);
    assert.deepEqual(before, ['.incoming']);
  });
}

test('a body that is not multipart is 415', async (t) => {
  const { app, root } = await storageHarness(t);

  const response = await app.inject({
    method: 'POST',
    url: '/api/storage/upload',
    payload: { file: 'x', correlationId: 'a', clientId: 'b', generatedAt: '2025-09-10T08:30:00Z', fileName: 'a.pdf' },
  });

  assertProblem(response, { status: 415, code: 'STORAGE.NOT_MULTIPART' });
  assert.deepEqual(await tree(root), ['.incoming']);
});

test('a refusal after a valid upload leaves the stored file as it was', async (t) => {
  const { app, root } = await storageHarness(t, { maxBytes });
  assert.equal((await upload(app, { correlationId: 'kept' })).statusCode, 201);
  const before = await tree(root);

  assertProblem(await upload(app, { correlationId: 'kept', file: { bytes: Buffer.from('nope!') } }), notAPdf());
  assertProblem(
    await upload(app, { correlationId: 'other', generatedAt: '2025-09-11T00:00:00Z', fileName: 'a/b.pdf' }),
    invalid(),
  );

  assert.deepEqual(await tree(root), before);
});

function notAPdf(): ExpectedProblem {
  return { status: 415, code: 'STORAGE.NOT_A_PDF' };
}

function invalid(): ExpectedProblem {
  return { status: 400, code: 'REQUEST.VALIDATION_FAILED' };
}

function unexpected(): ExpectedProblem {
  return { status: 400, code: 'STORAGE.UNEXPECTED_FILE' };
}

const malformedForms: ReadonlyArray<readonly [string, string, string]> = [
  ['a multipart form without a boundary', 'multipart/form-data', ''],
  [
    'a multipart form cut short',
    'multipart/form-data; boundary=xyz',
    '--xyz\r\nContent-Disposition: form-data; name="clientId"\r\n\r\nc-1',
  ],
];

for (const [name, contentType, payload] of malformedForms) {
  test(`${name} is a 400 STORAGE.MALFORMED_FORM and nothing is written`, async (t) => {
    const { app, root } = await storageHarness(t);
    const before = await tree(root);

    const response = await app.inject({
      method: 'POST',
      url: '/api/storage/upload',
      headers: { 'content-type': contentType },
      payload,
    });

    assertProblem(response, { status: 400, code: 'STORAGE.MALFORMED_FORM' });
    assert.deepEqual(await tree(root), before);
  });
}
