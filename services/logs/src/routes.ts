import { correlationHeader } from '@eventflow/correlation';
import type { FastifyInstance } from 'fastify';
import type { FeedQuery, LogFeed } from './feed.ts';

const querySchema = {
  type: 'object',
  properties: {
    correlationId: { type: 'string', minLength: 1, maxLength: 128 },
    topic: { type: 'string', pattern: '^logs-[A-Za-z0-9._-]+$' },
    limit: { type: 'integer', minimum: 1, maximum: 2000, default: 200 },
  },
  additionalProperties: false,
} as const;

/** GET /api/logs (latest records), /api/logs/topics, and /api/logs/stream (server-sent events, live). */
export function logRoutes(feed: LogFeed) {
  return (app: FastifyInstance): void => {
    app.get(
      '/api/logs',
      { schema: { querystring: querySchema, tags: ['logs'], summary: 'Latest operation records' } },
      (request) => ({
        records: feed.query(request.query as FeedQuery),
      }),
    );

    app.get('/api/logs/topics', { schema: { tags: ['logs'], summary: 'Followed logs-* topics' } }, () => ({
      topics: feed.topics(),
    }));

    app.get(
      '/api/logs/stream',
      { schema: { querystring: querySchema, tags: ['logs'], summary: 'Live operation records (text/event-stream)' } },
      (request, reply) => {
        const query = request.query as FeedQuery;
        reply.hijack();
        const out = reply.raw;
        out.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache',
          connection: 'keep-alive',
          [correlationHeader]: String(reply.getHeader(correlationHeader) ?? ''),
        });
        out.write(': following operation logs\n\n');
        const stop = feed.listen(query, (entry) => out.write(`event: record\ndata: ${JSON.stringify(entry)}\n\n`));
        const heartbeat = setInterval(() => out.write(': keep-alive\n\n'), 15_000);
        request.raw.once('close', () => {
          clearInterval(heartbeat);
          stop();
        });
      },
    );
  };
}
