export { ticketingServices } from './services.ts';
