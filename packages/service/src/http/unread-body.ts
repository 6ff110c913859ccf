import type { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';

/** How long the rest of an unread body is drained before the connection is cut. */
const drainMs = 10_000;

/**
 * A response sent before its request's body was read whole (a 413 mid-upload, a refusal before the body
 * is looked at) must not leave the connection stuck on the rest of that body. Node drains it only when
 * nothing has read the body yet: once a parser such as busboy has started and stopped, the socket stays
 * paused on a body nobody reads, the client waits to finish sending it, and the connection lingers until
 * the server's request timeout (about a minute), holding a client (the gateway's pool) that cannot tell
 * it is stuck. So the rest is drained and dropped, and the connection then serves the next request
 * (closing at once would send a reset that can destroy the response before the client reads it: the
 * lingering close of nginx and Apache). A body stream that was destroyed cannot be drained (Node pauses
 * the socket on every chunk it can no longer deliver): that connection ends after the response. A body
 * still arriving after `drainMs` ends it too.
 */
export function drainUnreadBody(app: FastifyInstance): void {
  // Kept from the start: a request stream destroyed unread lets go of its socket.
  const sockets = new WeakMap<IncomingMessage, Socket>();
  app.addHook('onRequest', (request, _reply, done) => {
    // Only a connection's (`inject()` has none: its request is never read from a socket).
    if (request.raw.socket instanceof Socket) sockets.set(request.raw, request.raw.socket);
    done();
  });
  app.addHook('onSend', (request, reply, payload, done) => {
    if (!request.raw.complete && request.raw.destroyed && sockets.has(request.raw)) reply.header('connection', 'close');
    done(null, payload);
  });
  app.addHook('onResponse', (request, _reply, done) => {
    const raw = request.raw;
    const socket = sockets.get(raw);
    if (!raw.complete && !raw.destroyed && socket !== undefined && !socket.destroyed) {
      // Whatever read it before (a parser's pipe, a listener) lets go; the rest flows and is dropped.
      raw.unpipe();
      raw.removeAllListeners('data');
      raw.resume();
      setTimeout(() => {
        if (!raw.complete) socket.destroy();
      }, drainMs).unref();
    }
    done();
  });
}
