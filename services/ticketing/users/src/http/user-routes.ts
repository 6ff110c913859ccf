import { HttpOperations, type OperationLog } from '@eventflow/oplog';
import type { FastifyRequest } from 'fastify';
import type { RoutePlugin } from '@eventflow/service';
import { createUser } from '../create-user/create-user.ts';
import { getUser } from '../get-user/get-user.ts';
import type { UsersDependencies } from '../users/dependencies.ts';
import type { NewUser } from '../users/user.ts';
import { eraseUser } from '../erase-user/erase-user.ts';
import { created, erasedSchema, newUserBody, problem, userParams, userSchema } from './schemas.ts';
import { warnOf } from './warn.ts';

const tags = ['usuarios'];

/** POST /api/usuarios and GET /api/usuarios/{usuario_id}: the public profile routes. */
export function userRoutes(deps: UsersDependencies, log: OperationLog | undefined): RoutePlugin {
  return (app) => {
    // Recorded with ids only: a request body here is personal data, which no operation record carries.
    const operations = new HttpOperations(log);

    app.post<{ Body: NewUser }>(
      '/api/usuarios',
      {
        schema: {
          tags,
          summary: 'Creates a user (409 USUARIO.DUPLICADO if the document or the email is taken)',
          body: newUserBody,
          response: { 201: created(userSchema, 'The user, created'), 400: problem, 409: problem },
        },
        ...operations.hooks({ operation: 'crear-usuario', describe: describeNewUser }),
      },
      async (request, reply) => {
        const user = await createUser(deps, request.body, warnOf(request));
        operations.note(request, { payload: { usuario_id: user.usuario_id } });
        request.log.info({ usuario_id: user.usuario_id }, 'user created');
        return reply.code(201).header('location', `/api/usuarios/${user.usuario_id}`).send(user);
      },
    );

    app.get<{ Params: { usuario_id: string } }>(
      '/api/usuarios/:usuario_id',
      {
        schema: {
          tags,
          summary: 'A user and their purchase history (cached; see the README for how stale it may be)',
          params: userParams,
          response: { 200: userSchema, 400: problem, 404: problem, 410: problem },
        },
      },
      (request) => getUser(deps, request.params.usuario_id, warnOf(request)),
    );

    app.delete<{ Params: { usuario_id: string } }>(
      '/api/usuarios/:usuario_id',
      {
        schema: {
          tags,
          summary:
            'Erases a user (right to erasure): their data key is destroyed, so their personal data is unreadable everywhere it was copied; purchases stay as anonymous figures. Again: the same answer',
          params: userParams,
          response: { 200: erasedSchema, 400: problem, 404: problem },
        },
        ...operations.hooks({ operation: 'borrar-usuario' }),
      },
      async (request) => {
        const erased = await eraseUser(deps, request.params.usuario_id, warnOf(request));
        operations.note(request, { payload: { usuario_id: erased.usuario_id } });
        request.log.info({ usuario_id: erased.usuario_id }, 'user erased');
        return erased;
      },
    );
  };
}

/** What a creation's record says: its document type, never the person. */
function describeNewUser(request: FastifyRequest) {
  const body = request.body as Partial<NewUser> | undefined;
  return { payload: typeof body?.tipo_documento === 'string' ? { tipo_documento: body.tipo_documento } : {} };
}
