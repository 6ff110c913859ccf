import react from '@vitejs/plugin-react';
import type { InlineConfig } from 'vite';
import { consoleDist, consoleRoot } from './paths.ts';

export interface ConsoleViteOptions {
  /** Where the bundle is written (default `dist`). */
  readonly outDir?: string;
  /** The gateway the dev server sends /api and /health to (default http://127.0.0.1:8080). */
  readonly gateway?: string;
}

/** Vite's configuration of the console, for the build and the dev server alike. */
export function consoleViteConfig(options: ConsoleViteOptions = {}): InlineConfig {
  const gateway = options.gateway ?? 'http://127.0.0.1:8080';
  return {
    configFile: false,
    root: consoleRoot,
    base: '/console/',
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir: options.outDir ?? consoleDist, emptyOutDir: true, sourcemap: true },
    server: { proxy: { '/api': gateway, '/health': gateway } },
  };
}
