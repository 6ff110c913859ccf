// A response sent before the request's body is read whole (a 413 mid-upload) does not leave the
// connection stuck on the rest of the body (before, the socket stayed paused on it for a minute, and
// the client's next request on that connection waited as long).
import assert from 'node:assert/strict';
import { Agent, request as httpRequest } from 'node:http';
import { Writable, type Readable } from 'node:stream';
import { test, type TestContext } from 'node:test';
import { buildService } from '../build.ts';
import { ServiceError } from '../errors/service-error.ts';

const tooLarge = () => new ServiceError('UPLOADS.TOO_LARGE', 413, 'Too large', 'more than 256 KiB');

/** A service whose POST /upload reads about 256 KiB of the body, then refuses it, the way `stop` says. */
async function uploads(t: TestContext, stop: (body: Readable) => Promise<void>): Promise<URL> {
  const app = buildService(
    {
      name: 'uploads',
      routes: [
        (scope) => {
          scope.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));
          scope.post('/upload', async (request) => {
            await stop(request.body as Readable);
            throw tooLarge();
          });
          scope.get('/next', () => ({ answered: true }));
        },
      ],
    },
    { logger: false, defaultMetrics: false },
  );
  const url = new URL(await app.listen({ host: '127.0.0.1', port: 0 }));
  t.after(() => app.close());
  return url;
}

interface Answer {
  readonly status: number;
  readonly body: { code?: string; answered?: boolean };
  readonly connection: string;
  /** The client's port: the same on two answers when one connection served both. */
  readonly port: number;
}

/** POST 16 MiB, then GET, through one keep-alive connection at most: the GET goes once the POST is done with it. */
async function uploadThenNext(t: TestContext, url: URL): Promise<[Answer, Answer]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  t.after(() => agent.destroy());
  const send = (method: string, path: string, body?: Buffer) =>
    new Promise<Answer>((resolve, reject) => {
      const req = httpRequest({ host: url.hostname, port: url.port, method, path, agent }, (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.once('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body: JSON.parse(text) as Answer['body'],
            connection: String(response.headers.connection),
            port: req.socket?.localPort ?? 0,
          }),
        );
      });
      req.once('error', reject);
      if (body === undefined) {
        req.end();
      } else {
        req.setHeader('content-type', 'application/octet-stream');
        req.setHeader('content-length', body.length);
        req.end(body);
      }
    });
  const refused = await send('POST', '/upload', Buffer.alloc(16 * 1024 * 1024, 1));
  const next = await send('GET', '/next');
  assert.equal(refused.status, 413);
  assert.equal(refused.body.code, 'UPLOADS.TOO_LARGE');
  assert.equal(next.status, 200);
  assert.deepEqual(next.body, { answered: true });
  return [refused, next];
}

test('a parser that stops reading mid-body (busboy at its limit): the rest is drained, the connection serves the next request', async (t) => {
  const url = await uploads(t, async (body) => {
    let seen = 0;
    await new Promise<void>((resolve) => {
      const sink = new Writable({
        write(chunk: Buffer, _encoding, callback) {
          seen += chunk.length;
          if (seen >= 256 * 1024) {
            body.unpipe(sink);
            resolve();
          }
          callback();
        },
      });
      body.pipe(sink);
    });
  });
  const [refused, next] = await uploadThenNext(t, url);
  assert.equal(refused.connection, 'keep-alive');
  assert.equal(next.port, refused.port, 'one connection served both');
});

test('a body stream destroyed mid-body (a `for await` left early): the connection ends after the answer', async (t) => {
  const url = await uploads(t, async (body) => {
    let seen = 0;
    for await (const chunk of body) {
      seen += (chunk as Buffer).length;
      if (seen >= 256 * 1024) break;
    }
  });
  const [refused, next] = await uploadThenNext(t, url);
  assert.equal(refused.connection, 'close', 'the client is told');
  assert.notEqual(next.port, refused.port, 'the next request went on a new connection');
});
