import type pg from 'pg';
import { checkChannel, type NotificationHandlers } from '../executor.ts';

/**
 * LISTEN on a connection of its own, taken from the pool for as long as the listener lives. When that
 * connection fails, `lost` is called once and the connection is destroyed; the caller listens again.
 */
export async function listenOnPool(
  pool: pg.Pool,
  channel: string,
  handlers: NotificationHandlers,
): Promise<() => Promise<void>> {
  const name = checkChannel(channel);
  const client = await pool.connect();
  let released = false;
  const release = (error?: Error): void => {
    if (released) return;
    released = true;
    client.off('notification', onNotification);
    client.off('error', onError);
    client.release(error);
  };
  const onNotification = (message: pg.Notification): void => {
    if (message.channel === name) handlers.notify();
  };
  const onError = (error: Error): void => {
    release(error);
    handlers.lost?.(error);
  };
  client.on('notification', onNotification);
  client.on('error', onError);
  try {
    await client.query(`LISTEN ${name}`);
  } catch (error) {
    release(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
  return async () => {
    if (released) return;
    try {
      await client.query(`UNLISTEN ${name}`);
      release();
    } catch (error) {
      release(error instanceof Error ? error : new Error(String(error)));
    }
  };
}
