import { createHash } from 'node:crypto';
import { currentCorrelation } from '@eventflow/correlation';
import type { OutboxMessage } from '@eventflow/eventstore';
import { pagosTopic, type PagoCambiado } from '@eventflow/ticketing-contracts';
import { amountOf } from '../money.ts';
import type { PagoRow } from './pago.ts';

export type PagoEvento = 'PagoCapturado' | 'PagoRechazado' | 'PagoReembolsado';

const estadoOf: Readonly<Record<PagoEvento, PagoCambiado['estado']>> = {
  PagoCapturado: 'capturado',
  PagoRechazado: 'rechazado',
  PagoReembolsado: 'reembolsado',
};

/**
 * The outbox message of a payment's change, keyed by reserva_id. Its id is derived from the payment
 * and the change (each happens once per payment), its correlation is the request's, else the one of
 * the request that started the charge (a change made by the reconciler).
 */
export function pagoMessage(row: PagoRow, type: PagoEvento): OutboxMessage<PagoCambiado> {
  const correlationId = currentCorrelation()?.correlationId ?? row.correlation_id ?? undefined;
  return {
    topic: pagosTopic,
    key: row.reserva_id,
    type,
    messageId: derivedId(`${row.pago_id}\n${type}`),
    ...(correlationId === undefined ? {} : { correlationId }),
    value: {
      reserva_id: row.reserva_id,
      pago_id: row.pago_id,
      importe: amountOf(row.importe_centimos),
      moneda: row.moneda,
      estado: estadoOf[type],
      ...(row.motivo === null ? {} : { motivo: row.motivo }),
    },
  };
}

function derivedId(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
