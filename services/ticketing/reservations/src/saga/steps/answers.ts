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

const codeAtHead = /^(?:[a-z0-9-]+: )?([A-Z][A-Z0-9_]*(?:\.[A-Z0-9_]+)+): /;

/**
 * The problem code of a saga's failure text: the engine writes `<step>: <CODE>: <message>` (or
 * `<CODE>: <message>` for errors outside a step).
 */
export function codeOfReason(reason: string | null | undefined): string | undefined {
  return codeAtHead.exec(reason ?? '')?.[1];
}

/** The failure text without its step and code, for people. */
export function messageOfReason(reason: string): string {
  return reason.replace(codeAtHead, '');
}
