import type { AnyDefinition, DefinitionOf, Message, PayloadOf, ResultOf, TypeOf } from './definition.ts';
import { createDispatcher, type DispatcherOptions, type DispatchOptions, type HandlerFor } from './dispatcher.ts';

/** The write side: commands change state and answer little (an id, a version). */
export interface CommandBus<D extends AnyDefinition<'command'>, Principal = unknown> {
  register<T extends TypeOf<D>>(
    definition: DefinitionOf<D, T>,
    handler: HandlerFor<DefinitionOf<D, T>, Principal>,
  ): CommandBus<D, Principal>;
  execute<T extends TypeOf<D>>(
    command: Message<T, PayloadOf<DefinitionOf<D, T>>>,
    options?: DispatchOptions<Principal>,
  ): Promise<ResultOf<DefinitionOf<D, T>>>;
  missingHandlers(): string[];
}

/** The read side: queries answer from read models and change nothing. */
export interface QueryBus<D extends AnyDefinition<'query'>, Principal = unknown> {
  register<T extends TypeOf<D>>(
    definition: DefinitionOf<D, T>,
    handler: HandlerFor<DefinitionOf<D, T>, Principal>,
  ): QueryBus<D, Principal>;
  ask<T extends TypeOf<D>>(
    query: Message<T, PayloadOf<DefinitionOf<D, T>>>,
    options?: DispatchOptions<Principal>,
  ): Promise<ResultOf<DefinitionOf<D, T>>>;
  missingHandlers(): string[];
}

export function createCommandBus<D extends AnyDefinition<'command'>, Principal = unknown>(
  options: DispatcherOptions<D, Principal>,
): CommandBus<D, Principal> {
  const dispatcher = createDispatcher('command', options);
  const bus: CommandBus<D, Principal> = {
    register(definition, handler) {
      dispatcher.register(definition, handler);
      return bus;
    },
    execute: (command, dispatchOptions) => dispatcher.dispatch(command, dispatchOptions),
    missingHandlers: () => dispatcher.missingHandlers(),
  };
  return bus;
}

export function createQueryBus<D extends AnyDefinition<'query'>, Principal = unknown>(
  options: DispatcherOptions<D, Principal>,
): QueryBus<D, Principal> {
  const dispatcher = createDispatcher('query', options);
  const bus: QueryBus<D, Principal> = {
    register(definition, handler) {
      dispatcher.register(definition, handler);
      return bus;
    },
    ask: (query, dispatchOptions) => dispatcher.dispatch(query, dispatchOptions),
    missingHandlers: () => dispatcher.missingHandlers(),
  };
  return bus;
}
