/**
 * An error with a stable code (`RESERVATION.SOLD_OUT`) that handlers throw; the kit turns it into
 * an RFC 9457 problem+json response at the edge. `extra` becomes extension members of the problem.
 */
export class ServiceError extends Error {
  readonly code: string;
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly extra: Readonly<Record<string, unknown>>;

  constructor(code: string, status: number, title: string, detail?: string, extra: Record<string, unknown> = {}) {
    super(detail ?? title);
    if (!Number.isInteger(status) || status < 400 || status > 599) {
      throw new RangeError(`ServiceError ${code}: status must be an HTTP error status (400-599), got ${status}`);
    }
    this.name = 'ServiceError';
    this.code = code;
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.extra = extra;
  }
}
