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
  ['a generatedAt in year 9999', { generatedAt: '9999-12-31T23:59:59Z' }, outOfRange()],
  ['a generatedAt in year 0001', { generatedAt: '0001-01-01T00:00:00Z' }, outOfRange()],
  ['a generatedAt of a zeroed clock (1970)', { generatedAt: '1970-01-01T00:00:00Z' }, outOfRange()],
  ['a generatedAt just before 2000 (UTC)', { generatedAt: '2000-01-01T00:30:00+01:00' }, outOfRange()],
  ['a generatedAt a century ahead', { generatedAt: '2125-09-10T08:30:00Z' }, outOfRange()],
  ['a generatedAt on a leap second', { generatedAt: '2016-12-31T23:59:60Z' }, outOfRange()],
  ['a numeric clientId (a JSON field)', { jsonFields: { clientId: 123 } }, notText()],
  ['a boolean correlationId (a JSON field)', { jsonFields: { correlationId: true } }, notText()],
  ['a null clientId (a JSON field)', { jsonFields: { clientId: null } }, notText()],
  ['a fileName in a one-item array (a JSON field)', { jsonFields: { fileName: ['a.pdf'] } }, notText()],
  ['a numeric generatedAt (a JSON field)', { jsonFields: { generatedAt: 1757493000000 } }, notText()],
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

test('generatedAt may be from 2000-01-01T00:00:00Z up to one day after the server’s clock, no further', async (t) => {
  const now = new Date('2025-09-10T09:00:00.000Z');
  const { app, root } = await storageHarness(t, { maxBytes, now: () => now });
  const cases = [
    ['earliest', '2000-01-01T00:00:00Z', 201],
    ['latest', '2025-09-11T09:00:00Z', 201],
    ['latest-by-offset', '2025-09-11T11:00:00+02:00', 201],
    ['too-late', '2025-09-11T09:00:01Z', 400],
    ['too-late-by-offset', '2025-09-11T08:00:01-01:00', 400],
    ['too-early', '1999-12-31T23:59:59Z', 400],
  ] as const;

  for (const [correlationId, generatedAt, status] of cases) {
    const response = await upload(app, { correlationId, generatedAt, file: { bytes: minimalPdf(correlationId) } });
    if (status === 201) assert.equal(response.statusCode, 201, `${generatedAt}: ${response.body}`);
    else assertProblem(response, { ...outOfRange(), detail: /2000-01-01T00:00:00\.000Z.*2025-09-11T09:00:00\.000Z/ });
  }

  assert.deepEqual(await tree(root), [
    '.incoming',
    '2000-01-01',
    '2000-01-01/earliest.json',
    '2000-01-01/earliest.pdf',
    '2025-09-11',
    '2025-09-11/latest-by-offset.json',
    '2025-09-11/latest-by-offset.pdf',
    '2025-09-11/latest.json',
    '2025-09-11/latest.pdf',
  ]);
});

test('a field sent as a JSON string is that text; the refusal of a JSON number names the field', async (t) => {
  const { app } = await storageHarness(t, { maxBytes });

  const stored = await upload(app, { correlationId: 'json-text', jsonFields: { clientId: 'client-9' } });
  const refused = await upload(app, { correlationId: 'json-number', jsonFields: { clientId: 7 } });

  assert.equal(stored.statusCode, 201, stored.body);
  assert.equal(stored.json<{ clientId: string }>().clientId, 'client-9');
  const problem = assertProblem(refused, { ...notText(), detail: /"clientId".*number/ });
  assert.equal(problem['field'], 'clientId');
  assert.equal((await app.inject({ method: 'GET', url: '/api/storage/file/json-number/metadata' })).statusCode, 404);
});

function notAPdf(): ExpectedProblem {
  return { status: 415, code: 'STORAGE.NOT_A_PDF' };
}

function invalid(): ExpectedProblem {
  return { status: 400, code: 'REQUEST.VALIDATION_FAILED' };
}

function outOfRange(): ExpectedProblem {
  return { status: 400, code: 'STORAGE.GENERATED_AT_OUT_OF_RANGE' };
}

function notText(): ExpectedProblem {
  return { status: 400, code: 'STORAGE.FIELD_NOT_TEXT' };
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
  [
    'a field declared JSON that is not JSON (was 406)',
    'multipart/form-data; boundary=xyz',
    '--xyz\r\nContent-Disposition: form-data; name="clientId"\r\nContent-Type: application/json\r\n\r\n{nope\r\n--xyz--\r\n',
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
