import type { ReadinessCheck } from '../definition.ts';

/** The state of one dependency, found by its check. */
export interface DependencyStatus {
  readonly name: string;
  readonly status: 'up' | 'down';
  readonly detail: string;
}

/** The JSON Schema of a `DependencyStatus`, for responses that report dependencies. */
export const dependencyStatusSchema = {
  type: 'object',
  required: ['name', 'status', 'detail'],
  properties: {
    name: { type: 'string' },
    status: { type: 'string', enum: ['up', 'down'] },
    detail: { type: 'string' },
  },
} as const;

/** Runs every check side by side; one that throws, rejects or outlasts `timeoutMs` is `down`. */
export function checkReadiness(checks: readonly ReadinessCheck[], timeoutMs: number): Promise<DependencyStatus[]> {
  return Promise.all(checks.map((check) => runCheck(check, timeoutMs)));
}

async function runCheck(check: ReadinessCheck, timeoutMs: number): Promise<DependencyStatus> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const detail = await Promise.race([Promise.resolve().then(() => check.check()), timeout]);
    return { name: check.name, status: 'up', detail };
  } catch (error) {
    return { name: check.name, status: 'down', detail: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
