export {
  defineCommand,
  defineQuery,
  type AnyDefinition,
  type CommandDefinition,
  type DefinitionOf,
  type DispatchedMessage,
  type Message,
  type MessageDefinition,
  type MessageKind,
  type MessageOf,
  type MessageSpec,
  type PayloadOf,
  type QueryDefinition,
  type ResultOf,
  type TypeOf,
} from './definition.ts';
export {
  createDispatcher,
  type DispatchContext,
  type Dispatcher,
  type DispatcherOptions,
  type DispatchOptions,
  type HandlerFor,
  type Middleware,
} from './dispatcher.ts';
export { createCommandBus, createQueryBus, type CommandBus, type QueryBus } from './buses.ts';
export {
  ConflictError,
  CqrsError,
  DuplicateHandlerError,
  ForbiddenError,
  NoHandlerError,
  NotFoundError,
  UnknownMessageError,
  ValidationError,
  type CqrsErrorCode,
} from './errors.ts';
export { validation, type ValidationOptions } from './middleware/validation.ts';
export { correlation, type CorrelationOptions } from './middleware/correlation.ts';
export { authorisation, type Decision, type Policy } from './middleware/authorisation.ts';
export { metrics, outcomeOf, type DispatchOutcome } from './middleware/metrics.ts';
export { conflicts } from './middleware/conflicts.ts';
