import { randomUUID } from 'node:crypto';
import type {
  AnyDefinition,
  DefinitionOf,
  DispatchedMessage,
  Message,
  MessageKind,
  PayloadOf,
  ResultOf,
  TypeOf,
} from './definition.ts';
import { DuplicateHandlerError, NoHandlerError, UnknownMessageError } from './errors.ts';

/** What middleware and handlers know about the dispatch besides the message. */
export interface DispatchContext<Principal = unknown> {
  readonly kind: MessageKind;
  readonly definition: AnyDefinition;
  /** Who sends it (a user, a service); `undefined` when the caller gave none. */
  readonly principal: Principal | undefined;
  readonly signal?: AbortSignal;
}

/**
 * Onion-style: the first middleware wraps all the others and the handler. Call `next()` once to go
 * on (its value is the handler's result), or throw to stop.
 */
export type Middleware<Principal = unknown> = (
  message: DispatchedMessage,
  context: DispatchContext<Principal>,
  next: () => Promise<unknown>,
) => Promise<unknown>;

export type HandlerFor<D extends AnyDefinition, Principal> = (
  message: DispatchedMessage<TypeOf<D>, PayloadOf<D>>,
  context: DispatchContext<Principal>,
) => Promise<ResultOf<D>>;

export interface DispatchOptions<Principal> {
  readonly principal?: Principal;
  readonly signal?: AbortSignal;
}

export interface DispatcherOptions<D extends AnyDefinition, Principal> {
  /** Every message type this bus accepts. */
  readonly definitions: readonly D[];
  /** In order, outermost first. */
  readonly middleware?: ReadonlyArray<Middleware<Principal>>;
  /** Default randomUUID: the messageId of messages that come without one. */
  readonly newId?: () => string;
}

/** The common machinery of the command and query buses. */
export interface Dispatcher<D extends AnyDefinition, Principal> {
  readonly kind: MessageKind;
  /** Exactly one handler per type: a second one throws `CQRS.DUPLICATE_HANDLER`. */
  register<T extends TypeOf<D>>(
    definition: DefinitionOf<D, T>,
    handler: HandlerFor<DefinitionOf<D, T>, Principal>,
  ): void;
  dispatch<T extends TypeOf<D>>(
    message: Message<T, PayloadOf<DefinitionOf<D, T>>>,
    options?: DispatchOptions<Principal>,
  ): Promise<ResultOf<DefinitionOf<D, T>>>;
  /** Defined types without a handler: check it is empty at startup. */
  missingHandlers(): string[];
}

type AnyHandler = (message: DispatchedMessage, context: DispatchContext<unknown>) => Promise<unknown>;

export function createDispatcher<K extends MessageKind, D extends AnyDefinition<K>, Principal>(
  kind: K,
  options: DispatcherOptions<D, Principal>,
): Dispatcher<D, Principal> {
  const definitions = new Map<string, AnyDefinition>();
  for (const definition of options.definitions) {
    if (definition.kind !== kind) throw new TypeError(`${definition.type} is a ${definition.kind}, not a ${kind}`);
    if (definitions.has(definition.type)) throw new TypeError(`${kind} ${definition.type} is defined twice`);
    definitions.set(definition.type, definition);
  }
  const handlers = new Map<string, AnyHandler>();
  const middleware = [...(options.middleware ?? [])] as unknown as Array<Middleware<unknown>>;
  const newId = options.newId ?? randomUUID;

  return {
    kind,
    register(definition, handler) {
      if (definitions.get(definition.type) !== definition) throw new UnknownMessageError(kind, definition.type);
      if (handlers.has(definition.type)) throw new DuplicateHandlerError(kind, definition.type);
      handlers.set(definition.type, handler as unknown as AnyHandler);
    },
    async dispatch(message, dispatchOptions = {}) {
      const definition = definitions.get(message.type);
      if (definition === undefined) throw new UnknownMessageError(kind, message.type);
      const handler = handlers.get(message.type);
      if (handler === undefined) throw new NoHandlerError(kind, message.type);
      const dispatched: DispatchedMessage = { ...message, messageId: message.messageId ?? newId() };
      const context: DispatchContext<unknown> = {
        kind,
        definition,
        principal: dispatchOptions.principal,
        ...(dispatchOptions.signal === undefined ? {} : { signal: dispatchOptions.signal }),
      };
      const run = (index: number): Promise<unknown> => {
        const layer = middleware[index];
        if (layer === undefined) return handler(dispatched, context);
        let called = false;
        return layer(dispatched, context, () => {
          if (called) return Promise.reject(new Error(`middleware ${index} called next() twice`));
          called = true;
          return run(index + 1);
        });
      };
      return (await run(0)) as never;
    },
    missingHandlers: () => [...definitions.keys()].filter((type) => !handlers.has(type)),
  };
}
