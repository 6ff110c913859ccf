import { ConfigError } from '../config/parse-config.ts';

/** JSON lines (for machines: files, collectors) or readable lines (for people at a terminal). */
export type LogFormat = 'json' | 'pretty';

/**
 * The log format a host should use: `LOG_FORMAT` (`json` or `pretty`) when set, else readable lines
 * on a terminal and JSON otherwise (piped, in a container, under a supervisor). Libraries never read
 * the environment: the host passes `{ env: process.env['LOG_FORMAT'], isTTY: process.stdout.isTTY }`.
 * An empty value counts as unset; any other value is a `ConfigError`.
 */
export function logFormatFor(input: { readonly env: string | undefined; readonly isTTY: boolean }): LogFormat {
  const chosen = input.env?.trim().toLowerCase() ?? '';
  if (chosen === 'json' || chosen === 'pretty') return chosen;
  if (chosen !== '') {
    throw new ConfigError([{ variable: 'LOG_FORMAT', message: `must be "json" or "pretty" (got "${input.env}")` }]);
  }
  return input.isTTY ? 'pretty' : 'json';
}
