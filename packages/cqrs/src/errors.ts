import { ServiceError, type ValidationIssue } from '@eventflow/service';
import type { MessageKind } from './definition.ts';

export type CqrsErrorCode =
  | 'CQRS.VALIDATION_FAILED'
  | 'CQRS.FORBIDDEN'
  | 'CQRS.NOT_FOUND'
  | 'CQRS.CONFLICT'
  | 'CQRS.UNKNOWN_MESSAGE'
  | 'CQRS.NO_HANDLER'
  | 'CQRS.DUPLICATE_HANDLER';

/**
 * Every error this package throws: a `ServiceError`, so the service kit's error handler turns one
 * that reaches the edge into problem+json with its status and code (400, 403, 404, 409, 501).
 */
export class CqrsError extends ServiceError {
  declare readonly code: CqrsErrorCode;
  constructor(
    code: CqrsErrorCode,
    status: number,
    title: string,
    detail: string,
    extra: Record<string, unknown> = {},
    options?: ErrorOptions,
  ) {
    super(code, status, title, detail, extra);
    this.name = 'CqrsError';
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

/** The payload does not match its schema; `issues` lists every problem (as the kit's `errors`). */
export class ValidationError extends CqrsError {
  readonly issues: readonly ValidationIssue[];
  constructor(kind: MessageKind, type: string, issues: readonly ValidationIssue[]) {
    const list = issues.map((issue) => `${issue.pointer || '(root)'} ${issue.message}`).join('; ');
    super('CQRS.VALIDATION_FAILED', 400, `Invalid ${kind}`, `invalid ${type}: ${list}`, {
      messageType: type,
      errors: issues,
    });
    this.name = 'ValidationError';
    this.issues = issues;
  }
}

/** The authorisation policy refused the principal. */
export class ForbiddenError extends CqrsError {
  constructor(kind: MessageKind, type: string, reason?: string) {
    super('CQRS.FORBIDDEN', 403, 'Forbidden', reason ?? `not allowed to send the ${kind} ${type}`, {
      messageType: type,
    });
    this.name = 'ForbiddenError';
  }
}

/** For handlers: what the command or query is about does not exist. */
export class NotFoundError extends CqrsError {
  constructor(detail: string, extra: Record<string, unknown> = {}) {
    super('CQRS.NOT_FOUND', 404, 'Not found', detail, extra);
    this.name = 'NotFoundError';
  }
}

/** For handlers (or the `conflicts` middleware): the state changed under the command; retry. */
export class ConflictError extends CqrsError {
  constructor(detail: string, extra: Record<string, unknown> = {}, options?: ErrorOptions) {
    super('CQRS.CONFLICT', 409, 'Conflict', detail, extra, options);
    this.name = 'ConflictError';
  }
}

/** No definition of that type was given to the bus. */
export class UnknownMessageError extends CqrsError {
  constructor(kind: MessageKind, type: string) {
    super('CQRS.UNKNOWN_MESSAGE', 404, `Unknown ${kind}`, `no ${kind} of type ${JSON.stringify(type)}`, {
      messageType: type,
    });
    this.name = 'UnknownMessageError';
  }
}

/** The type is defined but nothing handles it yet (a wiring mistake: see `missingHandlers()`). */
export class NoHandlerError extends CqrsError {
  constructor(kind: MessageKind, type: string) {
    super('CQRS.NO_HANDLER', 501, 'Not implemented', `no handler for the ${kind} ${type}`, { messageType: type });
    this.name = 'NoHandlerError';
  }
}

/** A second handler for one type: thrown by `register`, at startup. */
export class DuplicateHandlerError extends CqrsError {
  constructor(kind: MessageKind, type: string) {
    super('CQRS.DUPLICATE_HANDLER', 500, 'Duplicate handler', `the ${kind} ${type} already has a handler`, {
      messageType: type,
    });
    this.name = 'DuplicateHandlerError';
  }
}
