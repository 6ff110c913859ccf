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

const entrySchema = {
  type: 'object',
  required: ['topic', 'partition', 'offset', 'record'],
  properties: {
    topic: { type: 'string' },
    partition: { type: 'integer' },
    offset: { type: 'string' },
    record: { type: 'object', additionalProperties: true },
  },
} as const;

const recordsSchema = {
  type: 'object',
  required: ['records'],
  properties: { records: { type: 'array', items: entrySchema } },
} as const;

const topicsSchema = {
  type: 'object',
  required: ['topics'],
  properties: {
    topics: {
      type: 'array',
      items: {
        type: 'object',
        required: ['topic', 'records'],
        properties: { topic: { type: 'string' }, records: { type: 'integer' } },
      },
    },
  },
} as const;

/** GET /api/logs (latest records), /api/logs/topics, and /api/logs/stream (server-sent events, live). */
export function logRoutes(feed: LogFeed) {
  return (app: FastifyInstance): void => {
    app.get(
      '/api/logs',
      {
        schema: {
          querystring: querySchema,
          tags: ['logs'],
          summary: 'Latest operation records',
          response: { 200: recordsSchema },
        },
      },
      (request) => ({
        records: feed.query(request.query as FeedQuery),
      }),
    );

    app.get(
      '/api/logs/topics',
      { schema: { tags: ['logs'], summary: 'Followed logs-* topics', response: { 200: topicsSchema } } },
      () => ({
        topics: feed.topics(),
      }),
    );

    app.get(
      '/api/logs/stream',
      {
        schema: {
          querystring: querySchema,
          tags: ['logs'],
          summary: 'Live operation records (text/event-stream)',
          response: { 200: { content: { 'text/event-stream': { schema: { type: 'string' } } } } },
        },
      },
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
