export { buildConsole, ensureConsoleBuilt, type EnsureBuiltOptions } from './ensure-built.ts';
export { consoleDist } from './paths.ts';
