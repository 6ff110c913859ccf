// The users as the export reads them: page by page in `_id` order (keyset paging, each page one
// indexed range read on either adapter), and only the fields it generalises.
import type { UserCollection } from '../users/user-store.ts';
import type { ExportedUser } from './generalise.ts';

/** Stops (with the signal's reason) before the next page once `signal` is aborted: the caller left. */
export async function* usersInPages(
  users: UserCollection,
  pageSize: number,
  signal?: AbortSignal,
): AsyncGenerator<ExportedUser> {
  let after: string | undefined;
  for (;;) {
    signal?.throwIfAborted();
    const page = await users.find(after === undefined ? {} : { _id: { $gt: after } }, { limit: pageSize });
    for (const { tipo_documento, creado_en, compras } of page) yield { tipo_documento, creado_en, compras };
    const last = page.at(-1);
    if (last === undefined || page.length < pageSize) return;
    after = last._id;
  }
}
