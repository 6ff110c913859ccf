import { join } from 'node:path';
import type { InfraPaths } from './paths.ts';
import type { ProbeResult } from './probes.ts';
import type { ConnectionSettings, ServerName } from './settings.ts';

export interface ServerContext {
  readonly paths: InfraPaths;
  readonly settings: ConnectionSettings;
  /** One line of progress for the person waiting. */
  readonly log: (message: string) => void;
}

/** One server `infra:up` can provide on this machine without Docker. */
export interface LocalServer {
  readonly name: ServerName;
  /** What it is, for people: "Apache Kafka 4.2.1 (KRaft, broker+controller)". */
  readonly title: string;
  /** Servers that must be up first (FerretDB stores its data in PostgreSQL). */
  readonly needs: readonly ServerName[];
  /** A real protocol round trip to the configured address. */
  probe(context: ServerContext): Promise<ProbeResult>;
  /** Installs or builds what the server needs, once; cached. */
  install(context: ServerContext): Promise<void>;
  /** Starts the server and returns once `probe` succeeds. */
  start(context: ServerContext): Promise<void>;
  /** Stops the server this project started; leaves alone one it did not start. */
  stop(context: ServerContext): Promise<void>;
}

export function serverDir(context: ServerContext, name: ServerName): string {
  return join(context.paths.data, name);
}

export function pidFileOf(context: ServerContext, name: ServerName): string {
  return join(serverDir(context, name), 'server.pid');
}

export function logFileOf(context: ServerContext, name: ServerName): string {
  return join(serverDir(context, name), 'server.log');
}

/** host and port of a URL such as postgres://u:p@127.0.0.1:5432/db, or of a host:port broker. */
export function hostPort(address: string, defaultPort: number): { host: string; port: number } {
  const url = new URL(address.includes('://') ? address : `tcp://${address}`);
  return { host: url.hostname, port: url.port === '' ? defaultPort : Number(url.port) };
}
