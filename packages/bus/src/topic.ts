import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { BusError } from './errors.ts';

/** A topic declared in code: its name, partition count and the shape of its payloads. */
export interface Topic<T> {
  readonly name: string;
  readonly partitions: number;
  /** The message type written when a publisher names none. */
  readonly type: string;
  readonly schemaVersion: number;
  /** The JSON Schema its payloads are validated against (what the host registers for a descriptor's `publishes`). */
  readonly schema?: object;
  /** Returns the payload typed, or throws BUS.INVALID_MESSAGE saying what is wrong. */
  validate(value: unknown): T;
}

export interface TopicSpec {
  readonly name: string;
  readonly partitions: number;
  readonly type?: string;
  readonly schemaVersion?: number;
  /** A JSON Schema (draft 2020-12 subset ajv supports) for the payload. */
  readonly schema: object;
}

const ajv = new Ajv({ allErrors: true, strict: false });
// ajv-formats is CommonJS: under Node's ESM its default import is module.exports, whose `default` is the plugin.
addFormatsModule.default(ajv);

/** Kafka's own rule for topic names. */
const legalName = /^[A-Za-z0-9._-]{1,249}$/;

export function defineTopic<T>(spec: TopicSpec): Topic<T> {
  if (!legalName.test(spec.name) || spec.name === '.' || spec.name === '..') {
    throw new RangeError(`illegal topic name ${JSON.stringify(spec.name)}: use 1-249 of [A-Za-z0-9._-]`);
  }
  if (!Number.isInteger(spec.partitions) || spec.partitions < 1) {
    throw new RangeError(`topic ${spec.name}: partitions must be an integer ≥ 1`);
  }
  const check: ValidateFunction = ajv.compile(spec.schema);
  return {
    name: spec.name,
    partitions: spec.partitions,
    type: spec.type ?? spec.name,
    schemaVersion: spec.schemaVersion ?? 1,
    schema: spec.schema,
    validate(value: unknown): T {
      if (check(value)) return value as T;
      throw new BusError('BUS.INVALID_MESSAGE', `invalid ${spec.name} payload: ${describe(check.errors)}`, {
        topic: spec.name,
        errors: check.errors ?? [],
      });
    },
  };
}

/** A topic that takes any JSON payload: dead-letter topics, and tools that only move bytes. */
export function untypedTopic(name: string, partitions: number): Topic<unknown> {
  return defineTopic<unknown>({ name, partitions, schema: {} });
}

function describe(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}`).join('; ');
}
