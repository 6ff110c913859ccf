// `npm run demo -- documents` for real, embedded (no servers): run as a child process into a temp
// folder; then its PDFs and its execution log (CSV and XLSX) are read back.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runDemo } from './testing/run-demo.ts';
import { readSheet } from 'read-excel-file/node';
import { extractText, getDocumentProxy } from 'unpdf';

/** RFC 4180 as toCsv writes it: CRLF lines, fields quoted when they must be. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(field);
      field = '';
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      rows.push([...row, field]);
      row = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  return rows;
}

test('npm run demo -- documents: 3 reports end to end, their PDFs and a CSV/XLSX execution log left behind', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'eventflow-demo-test-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const out = join(dir, 'out');
  const { code, stdout, stderr } = await runDemo(['documents', '--out', out]);
  assert.equal(code, 0, stderr);

  // Progress on stderr: each job through every step, by correlation id.
  const ids = [...new Set([...stderr.matchAll(/(demo-\d{8}-\d{6}-[0-9a-f]{4}-[123])/g)].map((m) => m[1] ?? ''))];
  assert.equal(ids.length, 3, stderr);
  for (const id of ids) {
    for (const step of ['enqueued', 'PDF stored', 'downloaded', 'logged']) {
      assert.match(stderr, new RegExp(`${id}\\s+▸ ${step}`), `${id} ${step}`);
    }
  }
  assert.match(stderr, /platform: embedded \(started by the demo, stopped at its end\)/);

  // The summary on stdout.
  for (const [i, client] of ['acme', 'globex', 'initech'].entries()) {
    assert.match(stdout, new RegExp(`^${i + 1}\\s+${client}\\s+${ids[i]}\\s+succeeded\\s+1\\s+report-${client}-`, 'm'));
  }
  assert.match(stdout, /execution-log\.xlsx {2}\(24 records\)/);

  // The PDFs: real ones, each the report of its client.
  const files = (await readdir(out)).sort();
  const pdfs = files.filter((f) => f.endsWith('.pdf'));
  assert.deepEqual(
    files.filter((f) => !f.endsWith('.pdf')),
    ['execution-log.csv', 'execution-log.xlsx'],
  );
  assert.deepEqual(
    pdfs.map((f) => f.replace(/-\d{4}-\d\d-\d\d\.pdf$/, '')),
    ['report-acme', 'report-globex', 'report-initech'],
  );
  const sha256 = new Map<string, string>();
  for (const [i, file] of pdfs.entries()) {
    const bytes = await readFile(join(out, file));
    assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.match(bytes.subarray(-32).toString('latin1'), /%%EOF\s*$/);
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
    const client = ['acme', 'globex', 'initech'][i];
    assert.ok(text.includes(`Client: ${client}\n`), text);
    assert.ok(text.includes(`Correlation ID: ${ids[i]}\n`), text);
    sha256.set(ids[i] ?? '', createHash('sha256').update(bytes).digest('hex'));
  }

  // The execution log: every operation of the three jobs, the same in CSV and XLSX.
  const [header, ...rows] = parseCsv(await readFile(join(out, 'execution-log.csv'), 'utf8'));
  assert.deepEqual(header?.slice(0, 9), [
    'timestamp',
    'service',
    'endpoint',
    'operation',
    'correlationId',
    'success',
    'statusCode',
    'fileName',
    'durationMs',
  ]);
  const column = (name: string) => header?.indexOf(name) ?? -1;
  const cell = (row: readonly string[], name: string) => row[column(name)] ?? '';
  assert.equal(rows.length, 24, '8 operations for each of 3 jobs');
  const timestamps = rows.map((r) => cell(r, 'timestamp'));
  assert.deepEqual(timestamps, [...timestamps].sort(), 'oldest first');
  assert.ok(rows.every((r) => cell(r, 'success') === 'true'));
  for (const id of ids) {
    const mine = rows.filter((r) => cell(r, 'correlationId') === id);
    assert.deepEqual(
      mine.map((r) => `${cell(r, 'service')} ${cell(r, 'operation') || cell(r, 'endpoint').split(' ')[0]}`).sort(),
      [
        'gateway GET',
        'gateway POST',
        'hangfire-server POST',
        'hangfire-server job.start',
        'hangfire-server job.success',
        'pdf-server render',
        'storage-server download',
        'storage-server upload',
      ],
      id,
    );
    const named = mine.filter((r) => ['job.success', 'render', 'upload', 'download'].includes(cell(r, 'operation')));
    assert.equal(new Set(named.map((r) => cell(r, 'fileName'))).size, 1, 'one file name throughout');
    assert.match(cell(named[0] ?? [], 'fileName'), /^report-[a-z]+-\d{4}-\d\d-\d\d\.pdf$/);
    const success = mine.find((r) => cell(r, 'operation') === 'job.success') ?? [];
    assert.match(
      cell(success, 'payload'),
      new RegExp(`"sha256":"${sha256.get(id)}"`),
      'the job stored the file downloaded',
    );
    assert.ok(mine.every((r) => !Number.isNaN(Date.parse(cell(r, 'timestamp')))));
  }

  const sheet = await readSheet(join(out, 'execution-log.xlsx'));
  assert.deepEqual(sheet[0], header);
  assert.equal(sheet.length, 25);
  sheet.slice(1).forEach((row, i) => {
    const csv = rows[i] ?? [];
    assert.equal(row[column('timestamp')], cell(csv, 'timestamp'));
    assert.equal(row[column('correlationId')], cell(csv, 'correlationId'));
    assert.equal(row[column('operation')] ?? '', cell(csv, 'operation'));
    assert.equal(row[column('success')], true);
    assert.equal(row[column('fileName')] ?? '', cell(csv, 'fileName'));
  });
});

test('npm run demo -- <unknown>: a clear error listing the demos, exit 2', async () => {
  const { code, stdout, stderr } = await runDemo(['tickets']);
  assert.equal(code, 2);
  assert.equal(stdout, '');
  assert.match(stderr, /^demo: unknown demo "tickets"; available: documents, ticketing\n/);
  assert.match(stderr, /^ {2}documents {4}spec 000/m);
  assert.match(stderr, /^ {2}ticketing {4}issue 10/m);
});
