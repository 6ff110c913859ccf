import { Writable } from 'node:stream';
import { isatty } from 'node:tty';
import type { DestinationStream } from 'pino';
import pinoPretty from 'pino-pretty';
import { shortFields } from './fields.ts';

/**
 * A pino destination that writes one readable line per record, synchronously (pino-pretty as a
 * stream, not a worker-thread transport, so many services can log from one process and a test's
 * stream sees each line as soon as it is logged):
 *
 *     14:03:22.123 INFO  orders: request completed  status=201 3.1ms  [order-7f3a]
 *
 * time, level, service, message, then the other fields short (`GET /url`, `status=`, `ms`,
 * `err="Type: message (file:line)"`, `key=value`), then the correlation id. Colours only when the
 * destination is a terminal. `destination` defaults to stdout.
 */
export function prettyStream(destination?: DestinationStream): DestinationStream {
  return pinoPretty({
    sync: true,
    destination: destination === undefined ? 1 : writableOf(destination),
    colorize: destination === undefined ? isatty(1) : (destination as { isTTY?: unknown }).isTTY === true,
    // Our own colours for what follows the level; pino-pretty's for the level label.
    customColors: 'message:reset',
    useOnlyCustomProps: false,
    translateTime: 'SYS:HH:MM:ss.l',
    // Every field is placed by messageFormat below, none as a pino-pretty object block, and no
    // `(pid on host)` metadata.
    hideObject: true,
    ignore: 'pid,hostname',
    customPrettifiers: {
      time: (time) => (typeof time === 'string' ? time : JSON.stringify(time)),
      level: (_level, _key, log, { label, labelColorized, colors }) =>
        `${labelColorized}${' '.repeat(Math.max(0, 5 - label.length))} ${colors.magenta(serviceOf(log))}`,
    },
    messageFormat: (log, messageKey, _levelLabel, { colors }) => {
      const message = typeof log[messageKey] === 'string' ? log[messageKey] : '';
      const fields = shortFields(log, messageKey).map(([key, value]) =>
        key === '' ? value : `${colors.gray(`${key}=`)}${value}`,
      );
      const correlationId = typeof log['correlationId'] === 'string' ? colors.gray(`[${log['correlationId']}]`) : '';
      return [message, fields.join(' '), correlationId].filter((part) => part !== '').join('  ');
    },
  });
}

function serviceOf(log: object): string {
  const service = (log as { service?: unknown }).service;
  return typeof service === 'string' ? service : '-';
}

/** pino takes any `{ write(line) }`; pino-pretty pipes into a Node stream. */
function writableOf(destination: DestinationStream): NodeJS.WritableStream {
  if (destination instanceof Writable) return destination;
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      destination.write(chunk.toString());
      done();
    },
  });
}
