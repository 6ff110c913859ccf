export { paymentProvider } from './descriptor.ts';
export { paymentProviderService, type PaymentProviderOptions } from './service.ts';
export type { Cargo, CargoEstado } from './charges/cargo.ts';
export type { Reembolso } from './refunds/refund.ts';
export type { Resumen } from './charges/queries.ts';
export type { Settings, SettingsChange } from './simulator/behaviour.ts';
