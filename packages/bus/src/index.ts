export {
  deadLetterTopicOf,
  deliver,
  type DeadLetter,
  type DeadLetterReason,
  type DeliveryContext,
  type DeliveryOutcome,
  type RawRecord,
} from './delivery.ts';
export { BusError, isPermanent, permanentError, type BusErrorCode, type PermanentError } from './errors.ts';
export { decodeHeaders, encodeHeaders, headersFor, type MessageHeaders, type OutgoingMessage } from './headers.ts';
export { murmur2, partitionFor } from './partitioner.ts';
export { PartitionWorker } from './partition-worker.ts';
export type { Bus, BusObserver, Envelope, PublishReceipt, SubscribeOptions, Subscription } from './port.ts';
export {
  backoffDelay,
  defaultRetryPolicy,
  resolveRetryPolicy,
  retryPolicyProblems,
  validateRetryPolicy,
  type ResolvedRetryPolicy,
  type RetryPolicy,
} from './retry.ts';
export { defineTopic, untypedTopic, type Topic, type TopicSpec } from './topic.ts';
