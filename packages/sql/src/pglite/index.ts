export { openPGliteDatabase, pgliteDatabase, pgliteExecutor, type PGliteDatabaseOptions } from './pglite-executor.ts';
