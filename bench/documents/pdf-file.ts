// The file both storage contenders move: a real PDF of about 1 MiB, made once with pdfkit (the PDF
// server's library): pages of table-like text in uncompressed content streams, so its size is
// text, not padding, and every byte belongs to a well-formed document.
import { createHash } from 'node:crypto';
import PDFDocument from 'pdfkit';

export interface BenchPdf {
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly pages: number;
  readonly sha256: string;
}

/** A PDF of at least `target` bytes (pages are added until the document reaches it). */
export async function makePdf(target = 1024 * 1024): Promise<BenchPdf> {
  const doc = new PDFDocument({
    size: 'A4',
    compress: false,
    info: { Title: 'EventFlow benchmark document', CreationDate: new Date('2026-01-01T00:00:00Z') },
  });
  const chunks: Buffer[] = [];
  let written = 0;
  doc.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    written += chunk.length;
  });
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  let seed = 42;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
  let pages = 1;
  doc.fontSize(8);
  for (;;) {
    for (let line = 0; line < 70; line++) {
      const values = Array.from({ length: 8 }, () => (next() / 1000).toFixed(2).padStart(10));
      doc.text(`row ${String(pages * 100 + line).padStart(6)} ${values.join(' ')}`, 40, 40 + line * 10.5);
    }
    await new Promise((resolve) => setImmediate(resolve)); // lets the document's stream emit what it wrote
    if (written >= target * 0.995) break;
    doc.addPage();
    pages++;
  }
  doc.end();
  await ended;
  const bytes = Uint8Array.from(Buffer.concat(chunks));
  return { bytes, pages, sha256: createHash('sha256').update(bytes).digest('hex') };
}
