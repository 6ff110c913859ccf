import { EventStoreError } from '../errors.ts';

/** Turns the data of one schema version into the data of the next. Pure. */
export type Upcaster = (data: unknown) => unknown;

export interface UpcasterRegistration {
  readonly type: string;
  /** The version `upcast` reads; it returns data at fromVersion + 1. */
  readonly fromVersion: number;
  readonly upcast: Upcaster;
}

export interface Upcasters {
  /** The version new events of this type are written at: one past the last upcaster, else 1. */
  latestVersion(type: string): number;
  /** Applies the chain from `schemaVersion` to the latest; newer-than-known data is returned as is. */
  upcast(type: string, schemaVersion: number, data: unknown): { data: unknown; schemaVersion: number };
}

function chainsByType(registrations: readonly UpcasterRegistration[]): Map<string, Map<number, Upcaster>> {
  const byType = new Map<string, Map<number, Upcaster>>();
  for (const { type, fromVersion, upcast } of registrations) {
    if (!Number.isInteger(fromVersion) || fromVersion < 1) {
      throw new RangeError(`upcaster ${type}: fromVersion must be an integer ≥ 1, got ${fromVersion}`);
    }
    const chain = byType.get(type) ?? new Map<number, Upcaster>();
    if (chain.has(fromVersion)) throw new RangeError(`two upcasters for ${type} from version ${fromVersion}`);
    byType.set(type, chain.set(fromVersion, upcast));
  }
  for (const [type, chain] of byType) {
    const versions = [...chain.keys()].sort((a, b) => a - b);
    const gap = versions.find((version, index) => index > 0 && version !== versions[index - 1]! + 1);
    if (gap !== undefined) throw new RangeError(`upcasters for ${type} skip a version before ${gap}`);
  }
  return byType;
}

/** Validates the registrations (no duplicates, no gaps) once, and chains them on read. */
export function defineUpcasters(registrations: readonly UpcasterRegistration[]): Upcasters {
  const byType = chainsByType(registrations);
  const latestVersion = (type: string): number => {
    const chain = byType.get(type);
    return chain === undefined ? 1 : Math.max(...chain.keys()) + 1;
  };
  return {
    latestVersion,
    upcast(type, schemaVersion, data) {
      const chain = byType.get(type);
      const latest = latestVersion(type);
      let current = { data, schemaVersion };
      while (chain !== undefined && current.schemaVersion < latest) {
        const step = chain.get(current.schemaVersion);
        if (step === undefined) {
          throw new EventStoreError(
            'EVENTSTORE.UPCASTER_MISSING',
            `no upcaster for ${type} from version ${current.schemaVersion}`,
            { type, schemaVersion: current.schemaVersion, latest },
          );
        }
        current = { data: step(current.data), schemaVersion: current.schemaVersion + 1 };
      }
      return current;
    },
  };
}

export const noUpcasters: Upcasters = defineUpcasters([]);
