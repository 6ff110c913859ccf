/** One environment variable: a string, number, integer or boolean, plus any other JSON Schema keyword. */
export interface ConfigProperty {
  readonly type: 'string' | 'number' | 'integer' | 'boolean';
  readonly default?: string | number | boolean;
  readonly enum?: readonly (string | number | boolean)[];
  readonly description?: string;
  readonly [keyword: string]: unknown;
}

/** A configuration schema: an object of environment variables, by name. */
export interface ConfigSchema {
  readonly type: 'object';
  readonly properties: { readonly [variable: string]: ConfigProperty };
  readonly required?: readonly string[];
}

type ValueOf<P> = P extends { readonly enum: readonly (infer E)[] }
  ? E
  : P extends { readonly type: 'string' }
    ? string
    : P extends { readonly type: 'number' | 'integer' }
      ? number
      : P extends { readonly type: 'boolean' }
        ? boolean
        : never;

type Properties<S extends ConfigSchema> = S['properties'];

/** Variables that always have a value: required ones and those with a default. */
type PresentKeys<S extends ConfigSchema> =
  | (S['required'] extends readonly (infer R)[] ? R & keyof Properties<S> : never)
  | {
      [K in keyof Properties<S>]: Properties<S>[K] extends { readonly default: unknown } ? K : never;
    }[keyof Properties<S>];

/** The typed configuration a schema describes; the variables neither required nor defaulted may be absent. */
export type ConfigOf<S extends ConfigSchema> = {
  readonly [K in keyof Properties<S> as K extends PresentKeys<S> ? K : never]: ValueOf<Properties<S>[K]>;
} & {
  readonly [K in keyof Properties<S> as K extends PresentKeys<S> ? never : K]?: ValueOf<Properties<S>[K]>;
};
