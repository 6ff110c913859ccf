/** A small, valid one-page PDF showing `text` (objects, xref offsets and trailer all correct). */
export function minimalPdf(text = 'EventFlow'): Buffer {
  const content = `BT /F1 12 Tf 20 50 Td (${text.replace(/[()\\]/g, (c) => `\\${c}`)}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A valid PDF padded (in a comment-free stream object) to at least `bytes` bytes. */
export function pdfOfSize(bytes: number, text = 'padded'): Buffer {
  const base = minimalPdf(text);
  if (bytes <= base.length) return base;
  // Bytes after %%EOF are ignored by readers; enough for size limits and streaming tests.
  return Buffer.concat([base, Buffer.alloc(bytes - base.length, 0x20)]);
}
