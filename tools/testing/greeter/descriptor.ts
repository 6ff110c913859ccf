// A small service, added to the platform the way every service is: one descriptor. Used by
// tools/add-a-service.int.test.ts to prove the recipe in docs/architecture.md, in both modes.
import { randomUUID } from 'node:crypto';
import { defineService } from '@eventflow/host';
import { problemSchema, ServiceError } from '@eventflow/service';

const greeting = {
  type: 'object',
  required: ['id', 'name', 'text', 'visits'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    text: { type: 'string' },
    visits: { type: 'integer' },
  },
} as const;

export const greeter = defineService({
  name: 'greeter',
  system: 'examples',
  description: 'Greets by name: a row in SQL, a counter in the cache, a file per greeting',
  routes: [{ prefix: '/api/greetings' }, { path: '/hello' }],
  port: 8199,
  needs: ['sql', 'cache', 'files'],
  config: {
    type: 'object',
    properties: {
      GREETER_SALUTATION: { type: 'string', default: 'Hello' },
      GREETER_SCHEMA: { type: 'string', pattern: '^[a-z_][a-z0-9_]{0,40}$', default: 'greeter' },
    },
  },
  // Applied by the host before build.
  migrations: (config) => [
    {
      component: 'greeter',
      schema: config.GREETER_SCHEMA,
      migrations: [
        {
          version: 1,
          name: 'greetings',
          statements: ['CREATE TABLE {schema}.greetings (id text PRIMARY KEY, name text NOT NULL)'],
        },
      ],
    },
  ],
  build({ ports, config }) {
    const table = `${config.GREETER_SCHEMA}.greetings`;
    const problem = { $ref: `${problemSchema.$id}#` };
    return {
      name: 'greeter',
      routes: [
        (app) => {
          app.post<{ Body: { name: string } }>(
            '/api/greetings',
            {
              schema: {
                body: {
                  type: 'object',
                  required: ['name'],
                  additionalProperties: false,
                  properties: { name: { type: 'string', minLength: 1, maxLength: 40 } },
                },
                response: { 201: greeting, 400: problem },
              },
            },
            async (request, reply) => {
              const id = randomUUID();
              await ports.sql.query(`INSERT INTO ${table} (id, name) VALUES ($1, $2)`, [id, request.body.name]);
              const visits = await ports.cache.increment(`visits:${request.body.name}`, { ttlSeconds: 3600 });
              return reply.code(201).send({
                id,
                name: request.body.name,
                text: `${config.GREETER_SALUTATION}, ${request.body.name}`,
                visits,
              });
            },
          );
          app.get<{ Params: { id: string } }>(
            '/api/greetings/:id',
            {
              schema: {
                params: { type: 'object', properties: { id: { type: 'string', format: 'uuid' } } },
                response: { 200: greeting, 400: problem, 404: problem },
              },
            },
            async (request) => {
              const [row] = await ports.sql.query<{ id: string; name: string }>(
                `SELECT id, name FROM ${table} WHERE id = $1`,
                [request.params.id],
              );
              if (row === undefined) throw new ServiceError('GREETING.NOT_FOUND', 404, 'No such greeting');
              const visits = Number((await ports.cache.get(`visits:${row.name}`)) ?? 0);
              return { ...row, text: `${config.GREETER_SALUTATION}, ${row.name}`, visits };
            },
          );
          app.get('/hello', { schema: { response: { 200: { type: 'string' } } } }, () => config.GREETER_SALUTATION);
        },
      ],
    };
  },
});
