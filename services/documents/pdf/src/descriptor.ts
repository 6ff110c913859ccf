import { defineService } from '@eventflow/host';

/** The PDF Server (spec 000) on the host: reports stored on the Storage Server over HTTP. */
export const pdf = defineService({
  name: 'pdf',
  system: 'documents',
  description: 'PDF Server: renders client reports and stores them on the Storage Server',
  routes: [{ prefix: '/api/pdf' }],
  port: 8102,
  needs: [],
  calls: ['storage'],
  operationLog: { id: 'pdf', service: 'pdf-server' },
  recordRequests: 'self',
  // Loaded when built, so that a platform list of descriptors stays light to import.
  build: async ({ urlOf, log }) =>
    (await import('./service/pdf-service.ts')).pdfService({ storage: { url: urlOf('storage') }, log }),
});
