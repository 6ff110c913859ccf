import type { RoutePlugin } from '@eventflow/service';
import type { FastifyRequest } from 'fastify';
import { createEvent } from '../create-event/create-event.ts';
import type { EventsDependencies } from '../events/dependencies.ts';
import type { NewEvent } from '../events/event.ts';
import { getEvent } from '../get-event/get-event.ts';
import { listEvents, type EventQuery } from '../list-events/list-events.ts';
import { created, eventListSchema, eventParams, eventQuery, eventSchema, newEventBody, problem } from './schemas.ts';

const tags = ['eventos'];

/** POST /api/eventos, GET /api/eventos/{evento_id} and GET /api/eventos. */
export function eventRoutes(deps: EventsDependencies): RoutePlugin {
  return (app) => {
    const warn = (request: FastifyRequest) => (fields: object, message: string) => request.log.warn(fields, message);

    app.post<{ Body: NewEvent }>(
      '/api/eventos',
      {
        schema: {
          tags,
          summary: 'Creates an event and its seats in inventory (503 with Retry-After while inventory is unreachable)',
          body: newEventBody,
          response: { 201: created(eventSchema, 'The event, on sale'), 400: problem, 502: problem, 503: problem },
        },
      },
      async (request, reply) => {
        const event = await createEvent(deps, request.body, warn(request));
        request.log.info({ evento_id: event.evento_id }, 'event created');
        return reply.code(201).header('location', `/api/eventos/${event.evento_id}`).send(event);
      },
    );

    app.get<{ Querystring: EventQuery }>(
      '/api/eventos',
      {
        schema: {
          tags,
          summary: 'Events by date, optionally between two instants and at one place (pages of at most 100)',
          querystring: eventQuery,
          response: { 200: eventListSchema, 400: problem },
        },
      },
      (request) => listEvents(deps, request.query),
    );

    app.get<{ Params: { evento_id: string } }>(
      '/api/eventos/:evento_id',
      {
        schema: {
          tags,
          summary: 'An event and its available seats (eventually consistent: see the README for how stale)',
          params: eventParams,
          response: { 200: eventSchema, 400: problem, 404: problem },
        },
      },
      (request) => getEvent(deps, request.params.evento_id, warn(request)),
    );
  };
}
