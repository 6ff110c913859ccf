import { permanentError } from '@eventflow/bus';
import type { Answer } from '../../clients.ts';

/**
 * What a step makes of a service's answer: a success passes; a refusal (4xx) is permanent — trying
 * again would be refused again — and carries `code` for the reservation's outcome. `Unavailable`
 * (network, time-out, 5xx) is thrown by the client itself and retried by the step's policy.
 */
export function expectSuccess<T>(answer: Answer<T>, refusedAs: string, what: string): T {
  if (answer.status < 300) return answer.body;
  throw permanentError(`${what}: ${answer.code ?? answer.status}`, { code: refusedAs });
}
