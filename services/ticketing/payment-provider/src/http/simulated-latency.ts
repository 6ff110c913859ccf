import { setTimeout as sleep } from 'node:timers/promises';
import { ServiceError } from '@eventflow/service';
import type { FastifyReply } from 'fastify';
import type { Behaviour } from '../simulator/behaviour.ts';

/**
 * The simulated network latency of a charge or refund, then the outage check. A caller that gives up
 * during the latency (a client timeout closes the connection) never reaches the processor: nothing
 * is stored, as when a request is lost on the way.
 */
export async function arrive(behaviour: Behaviour, reply: FastifyReply): Promise<void> {
  const ms = behaviour.nextLatencyMs();
  if (ms > 0) {
    const gone = new AbortController();
    const onClose = (): void => {
      if (!reply.raw.writableEnded) gone.abort();
    };
    reply.raw.once('close', onClose);
    try {
      await sleep(ms, undefined, { signal: gone.signal });
    } catch {
      throw new ServiceError('PROVEEDOR.PETICION_ABANDONADA', 400, 'Request abandoned', 'The caller went away');
    } finally {
      reply.raw.off('close', onClose);
    }
  }
  behaviour.admit();
}
