import { extractText, getDocumentProxy } from 'unpdf';

/** A PDF as a reader (pdf.js, through unpdf) opens it: its page count and the text of each page. */
export async function readPdf(bytes: Uint8Array): Promise<{ pageCount: number; pages: string[] }> {
  const pdf = await getDocumentProxy(Uint8Array.from(bytes));
  const { totalPages, text } = await extractText(pdf, { mergePages: false });
  return { pageCount: totalPages, pages: text };
}
