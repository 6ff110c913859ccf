import { join } from 'node:path';

/** The console's folder: index.html and src/ are its sources. */
export const consoleRoot = join(import.meta.dirname, '..');
/** Where the built console goes; the gateway serves it at /console. */
export const consoleDist = join(consoleRoot, 'dist');
