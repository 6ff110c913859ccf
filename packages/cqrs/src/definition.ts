export type MessageKind = 'command' | 'query';

/**
 * A command or query type declared once: its name, the JSON Schema of its payload (used by the
 * `validation` middleware) and, as types only, its payload and result.
 */
export interface MessageDefinition<K extends MessageKind, T extends string, Payload, Result> {
  readonly kind: K;
  readonly type: T;
  readonly schema?: object;
  /** Never set: carries the payload and result types. */
  readonly types?: { readonly payload: Payload; readonly result: Result };
}

export type CommandDefinition<T extends string, Payload, Result = void> = MessageDefinition<
  'command',
  T,
  Payload,
  Result
>;
export type QueryDefinition<T extends string, Payload, Result> = MessageDefinition<'query', T, Payload, Result>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any payload and result, for constraints
export type AnyDefinition<K extends MessageKind = MessageKind> = MessageDefinition<K, string, any, any>;

export interface MessageSpec<T extends string> {
  readonly type: T;
  readonly schema?: object;
}

/** `defineCommand<'ReserveSeat', ReserveSeat, Reserved>({ type: 'ReserveSeat', schema })` */
export function defineCommand<T extends string, Payload, Result = void>(
  spec: MessageSpec<T>,
): CommandDefinition<T, Payload, Result> {
  return define('command', spec);
}

/** `defineQuery<'SeatsLeft', { eventId: string }, number>({ type: 'SeatsLeft' })` */
export function defineQuery<T extends string, Payload, Result>(
  spec: MessageSpec<T>,
): QueryDefinition<T, Payload, Result> {
  return define('query', spec);
}

function define<K extends MessageKind, T extends string, P, R>(kind: K, spec: MessageSpec<T>) {
  if (spec.type === '') throw new RangeError(`a ${kind} type must not be empty`);
  return Object.freeze({
    kind,
    type: spec.type,
    ...(spec.schema === undefined ? {} : { schema: spec.schema }),
  }) as MessageDefinition<K, T, P, R>;
}

/** A message as callers send it; ids are optional (the dispatcher gives it a messageId). */
export interface Message<T extends string = string, Payload = unknown> {
  readonly type: T;
  readonly payload: Payload;
  readonly messageId?: string;
  readonly correlationId?: string;
  readonly causationId?: string;
}

/** A message as middleware and handlers see it: it has its id. */
export interface DispatchedMessage<T extends string = string, Payload = unknown> extends Message<T, Payload> {
  readonly messageId: string;
}

export type TypeOf<D extends AnyDefinition> = D['type'];
export type DefinitionOf<D extends AnyDefinition, T extends string> = Extract<D, { readonly type: T }>;
export type PayloadOf<D> = D extends MessageDefinition<MessageKind, string, infer P, unknown> ? P : never;
export type ResultOf<D> = D extends MessageDefinition<MessageKind, string, unknown, infer R> ? R : never;
/** The messages a set of definitions accepts, as a union discriminated by `type`. */
export type MessageOf<D extends AnyDefinition> = D extends AnyDefinition ? Message<TypeOf<D>, PayloadOf<D>> : never;
