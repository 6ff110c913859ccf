export { payments } from './descriptor.ts';
export { paymentsService, type PaymentsOptions } from './service.ts';
export type { Estado, Pago } from './pagos/pago.ts';
export type { PagoPage, Resumen } from './pagos/pago-queries.ts';
