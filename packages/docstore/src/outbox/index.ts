export {
  outboxAdditions,
  outboxOf,
  pendingMessage,
  type NewMessage,
  type OutboxFields,
  type PendingMessage,
} from './pending-message.ts';
export { DocumentOutbox, type DocumentOutboxOptions, type OutboxWarn } from './document-outbox.ts';
export { outboxSweeper, type SweeperLog, type SweeperOptions, type SweeperWorker } from './sweeper.ts';
