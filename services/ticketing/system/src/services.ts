// EventFlow ticketing's services, in the platform's list (tools/platform.ts).
import type { AnyServiceDescriptor } from '@eventflow/host';
import { events } from '@eventflow/ticketing-events/descriptor';
import { inventory } from '@eventflow/ticketing-inventory/descriptor';
import { notifications } from '@eventflow/ticketing-notifications/descriptor';
import { paymentProvider } from '@eventflow/ticketing-payment-provider/descriptor';
import { payments } from '@eventflow/ticketing-payments/descriptor';
import { reservations } from '@eventflow/ticketing-reservations/descriptor';
import { users } from '@eventflow/ticketing-users/descriptor';

export const ticketingServices: readonly AnyServiceDescriptor[] = [
  users,
  inventory,
  events,
  paymentProvider,
  payments,
  reservations,
  notifications,
];
