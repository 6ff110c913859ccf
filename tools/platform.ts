// The platform: every service, as a descriptor (services/<system>/<service>/src/descriptor.ts). Both
// `npm start` (embedded, one process) and `npm run start:distributed` (a process each) run this list.
// Adding a service is one descriptor and one entry here.
import type { AnyServiceDescriptor } from '@eventflow/host';
import { gateway } from '@eventflow/gateway/descriptor';
import { logs } from '@eventflow/logs-service/descriptor';
import { schemaRegistry } from '@eventflow/schema-registry-service/descriptor';
import { storage } from '@eventflow/storage-service/descriptor';
import { pdf } from '@eventflow/pdf-service/descriptor';
import { hangfire } from '@eventflow/job-service/descriptor';
import { ticketingServices } from '@eventflow/ticketing';

export const platform: readonly AnyServiceDescriptor[] = [
  gateway,
  logs,
  schemaRegistry,
  storage,
  pdf,
  hangfire,
  ...ticketingServices,
];
