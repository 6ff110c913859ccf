import { usersErrors } from '../errors.ts';
import type { UsersDependencies, Warn } from '../users/dependencies.ts';

export interface Erased {
  readonly usuario_id: string;
  readonly borrado_en: string;
}

/**
 * The right to erasure, by crypto-shredding: the person's data key is destroyed first — from then on
 * their sealed data is unreadable wherever it was copied (the document, the cache, a dump or backup
 * of either). Then the document lets go of what is left: the sealed fields and the blind indexes
 * (a tombstone of its own in each, so the person may register again). Purchases stay, as anonymous
 * figures, with reservations and payments, which never held the person. Again: the same answer.
 */
export async function eraseUser(deps: UsersDependencies, usuarioId: string, warn: Warn): Promise<Erased> {
  const user = await deps.users.findOne({ _id: usuarioId });
  if (user === null) throw usersErrors.notFound(usuarioId);
  await deps.dataKeys.destroy(usuarioId);
  const borrado_en = user.borrado_en ?? deps.now().toISOString();
  await deps.users.updateOne(
    { _id: usuarioId },
    {
      $set: {
        borrado_en,
        personales: null,
        // The pseudonym stays: sagas still running may record a purchase by it (kept as an anonymous figure).
        claves: { documento: `borrado:${usuarioId}`, email: `borrado:${usuarioId}`, seudonimo: user.claves.seudonimo },
      },
    },
  );
  await deps.cache.invalidate(usuarioId, warn);
  return { usuario_id: usuarioId, borrado_en };
}
