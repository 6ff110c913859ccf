import { paymentErrors } from '../errors.ts';

/** What a charge came to at the processor. */
export type ChargeOutcome =
  { readonly kind: 'capturado'; readonly cargoId: string } | { readonly kind: 'rechazado'; readonly motivo: string };

/** A charge as the processor lists it. */
export interface ProviderCharge {
  readonly cargo_id: string;
  readonly estado: 'capturado' | 'rechazado' | 'reembolsado';
}

/** 201 captured; 402 declined; 408, 429 and 5xx "later"; anything else is a bad answer. */
export async function readCharge(response: Response): Promise<ChargeOutcome> {
  const body = await jsonOf(response);
  if (response.status === 201 && typeof body['cargo_id'] === 'string') {
    return { kind: 'capturado', cargoId: body['cargo_id'] };
  }
  if (response.status === 402) {
    return { kind: 'rechazado', motivo: typeof body['detail'] === 'string' ? body['detail'] : 'declined' };
  }
  throw failure(response, body, 'a charge');
}

/** 201 refunded; 409 PROVEEDOR.YA_REEMBOLSADO means an earlier refund did it. */
export async function readRefund(response: Response): Promise<void> {
  const body = await jsonOf(response);
  if (response.status === 201) return;
  if (response.status === 409 && body['code'] === 'PROVEEDOR.YA_REEMBOLSADO') return;
  throw failure(response, body, 'a refund');
}

export async function readCharges(response: Response): Promise<ProviderCharge[]> {
  const body = await jsonOf(response);
  const cargos = body['cargos'];
  if (response.status === 200 && Array.isArray(cargos)) return cargos as ProviderCharge[];
  throw failure(response, body, 'a look-up of charges');
}

function failure(response: Response, body: Record<string, unknown>, what: string): Error {
  const said = typeof body['code'] === 'string' ? ` ${body['code']}` : '';
  if (response.status === 408 || response.status === 429 || response.status >= 500) {
    const seconds = Number(response.headers.get('retry-after'));
    return paymentErrors.providerUnavailable(
      `The card processor answered ${response.status}${said} to ${what}`,
      Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : 1,
    );
  }
  return paymentErrors.providerBadAnswer(`The card processor answered ${response.status}${said} to ${what}`);
}

async function jsonOf(response: Response): Promise<Record<string, unknown>> {
  try {
    const body: unknown = await response.json();
    return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
