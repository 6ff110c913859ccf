import { randomUUID } from 'node:crypto';
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { stagingFolder } from '../store/names.ts';

/**
 * Turns a committed file back into what a crash between the two renames of the commit protocol
 * leaves: the PDF in its date folder, its metadata still staged (`.incoming/<uuid>.json.part`,
 * written and flushed before the PDF moved), no `<correlationId>.json` beside the PDF.
 */
export async function crashBeforeMetadata(root: string, folder: string, correlationId: string): Promise<string> {
  const staged = join(root, stagingFolder, `${randomUUID()}.json.part`);
  await rename(join(root, folder, `${correlationId}.json`), staged);
  return staged;
}
