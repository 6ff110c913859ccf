import type { FastifyInstance } from 'fastify';
import type { ChargeQueries } from '../charges/queries.ts';
import type { Behaviour, SettingsChange } from '../simulator/behaviour.ts';
import { problem, resumen, settings, settingsChange } from './schemas.ts';

const tags = ['payment-provider'];

/** The simulator's own routes: totals, and its behaviour, read and changed at run time. */
export function simulatorRoutes(deps: { readonly behaviour: Behaviour; readonly queries: ChargeQueries }) {
  return (app: FastifyInstance): void => {
    app.get(
      '/api/proveedor-pagos/resumen',
      { schema: { tags, summary: 'Totals of charges, declines and refunds', response: { 200: resumen } } },
      () => deps.queries.summary(),
    );
    app.get(
      '/api/proveedor-pagos/control',
      {
        schema: { tags, summary: 'The simulator’s behaviour (simulator only)', response: { 200: settings } },
      },
      () => deps.behaviour.settings(),
    );
    app.put<{ Body: SettingsChange }>(
      '/api/proveedor-pagos/control',
      {
        schema: {
          tags,
          summary: 'Change the simulator’s behaviour: latency, declines, outages (simulator only)',
          body: settingsChange,
          response: { 200: settings, 400: problem },
        },
      },
      (request) => deps.behaviour.change(request.body),
    );
  };
}
