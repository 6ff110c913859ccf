import { Readable } from 'node:stream';
import type { RoutePlugin } from '@eventflow/service';
import { usersErrors } from '../errors.ts';
import { problem } from '../http/schemas.ts';
import type { UserCollection } from '../users/user-store.ts';
import { anonymise, type AnonymiseOptions } from './anonymise.ts';
import { exportBody, type ExportFormat, type ExportSummary } from './export-stream.ts';
import { usersInPages } from './read-users.ts';
import { exportQuery, exportResponse, trailers } from './schemas.ts';

export interface ExportOptions extends Omit<AnonymiseOptions, 'k'> {
  /** The k of every export, and the least a caller may ask for (USERS_EXPORT_K). */
  readonly k: number;
  /** Users per page read from the store. @default 500 */
  readonly pageSize?: number;
}

type Query = { readonly format: ExportFormat; readonly k?: number };

/** GET /api/usuarios/exportar: the users' purchases, k-anonymous, streamed (see the README). */
export function exportRoutes(users: UserCollection, options: ExportOptions): RoutePlugin {
  return (app) => {
    app.get<{ Querystring: Query }>(
      '/api/usuarios/exportar',
      {
        schema: {
          tags: ['usuarios'],
          summary:
            'The users and their purchases, anonymised irreversibly: every row shared by at least k users (JSON or CSV, streamed)',
          querystring: exportQuery,
          response: { 200: exportResponse, 400: problem },
        },
      },
      async (request, reply) => {
        const k = request.query.k ?? options.k;
        if (k < options.k) throw usersErrors.exportBelowK(k, options.k);
        const format = request.query.format;
        const total = await users.count({});
        // A caller who leaves stops the passes at the next page, not after the whole store.
        const left = new AbortController();
        reply.raw.once('close', () => left.abort(new Error('the caller closed the export')));
        const read = () => usersInPages(users, options.pageSize ?? 500, left.signal);
        let summary: ExportSummary | undefined;
        const finished = (done: ExportSummary) => {
          summary = done;
          request.log.info(done, 'users exported');
        };
        reply.header('x-export-total', total).header('x-export-k', k).header('cache-control', 'no-store');
        reply.type(format === 'json' ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8');
        if (format === 'csv') {
          for (const [name, field] of trailers)
            reply.trailer(name, () => Promise.resolve(String(summary?.[field] ?? '')));
        }
        return reply.send(Readable.from(exportBody(format, k, () => anonymise(read, { ...options, k }), finished)));
      },
    );
  };
}
