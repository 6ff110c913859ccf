import { logFormatFor, type LoggingOptions } from '@eventflow/service';

/** The services' log settings from the environment: level, and pretty lines on a terminal unless LOG_FORMAT says. */
export function loggingFor(
  env: { readonly LOG_LEVEL: string; readonly LOG_FORMAT?: 'json' | 'pretty' },
  isTTY: boolean,
): LoggingOptions {
  return {
    level: env.LOG_LEVEL as LoggingOptions['level'] & string,
    format: logFormatFor({ env: env.LOG_FORMAT, isTTY }),
  };
}
