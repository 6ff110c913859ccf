export { openPGliteDatabase, pgliteExecutor, type PGliteDatabaseOptions } from './pglite-executor.ts';
