import type { DocumentCollection, DocumentStore } from '@eventflow/docstore';
import type { EventDocument } from './event.ts';

export type EventCollection = DocumentCollection<EventDocument>;

/** The events collection (no unique index but `_id`: two events may share a name, a place and a date). */
export function openEventCollection(documents: DocumentStore, name = 'eventos'): Promise<EventCollection> {
  return documents.collection<EventDocument>(name);
}
