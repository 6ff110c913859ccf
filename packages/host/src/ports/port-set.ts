import type { Bus } from '@eventflow/bus';
import type { ReadinessCheck } from '@eventflow/service';
import type { PortName, Ports } from '../descriptor.ts';
import { probeWritable } from './files.ts';

/** The ports a host opened for one service, with what checks and closes them. */
export interface OpenedPorts {
  readonly ports: Partial<Ports>;
  readonly checks: readonly ReadinessCheck[];
  /** Closes what this service owns (not the bus, which the host closes after the operation log). */
  close(): Promise<void>;
}

/** Opens the ports of one service on the adapters of a mode (the bus is opened by the host itself). */
export type PortOpeners = {
  readonly [N in Exclude<PortName, 'bus'>]: () => Promise<Ports[N]>;
} & {
  /** Releases what the openers share between ports (an embedded engine), after the ports closed. */
  close(): Promise<void>;
};

/** Opens the ports a service needs, in the order given; a failure closes what was already open. */
export async function openPorts(needs: readonly PortName[], bus: Bus, openers: PortOpeners): Promise<OpenedPorts> {
  const ports: { -readonly [K in PortName]?: Ports[K] } = {};
  const closers: Array<() => Promise<void>> = [() => openers.close()];
  const close = async () => {
    for (const closer of closers.splice(0).reverse()) await closer();
  };
  try {
    for (const name of needs) {
      if (name === 'bus') {
        ports.bus = bus;
        continue;
      }
      const port = await openers[name]();
      Object.assign(ports, { [name]: port });
      if ('close' in port) closers.push(() => port.close());
    }
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
  return { ports, checks: needs.map((name) => portCheck(name, ports)), close };
}

/** A real round trip to the port's server (a query, a ping, a write). */
function portCheck(name: PortName, ports: Partial<Ports>): ReadinessCheck {
  switch (name) {
    case 'sql':
      return {
        name: 'sql',
        async check() {
          const sql = ports.sql!;
          await sql.query('SELECT 1');
          return sql.connection.kind === 'postgres' ? `postgres ${hostOf(sql.connection.connectionString)}` : 'pglite';
        },
      };
    case 'documents':
      return { name: 'documents', check: () => ports.documents!.ping() };
    case 'cache':
      return { name: 'cache', check: () => ports.cache!.ping() };
    case 'files':
      return { name: 'files', check: () => probeWritable(ports.files!.dir) };
    case 'keys':
      return { name: 'keys', check: () => Promise.resolve(`master key ${ports.keys!.current.id}`) };
    case 'mail':
      return { name: 'mail', check: () => ports.mail!.ping() };
    case 'bus':
      return {
        name: 'bus',
        check: () => ports.bus!.ping?.() ?? Promise.resolve(`${ports.bus!.kind} bus (no probe)`),
      };
  }
}

function hostOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.host}${parsed.pathname}`;
}
