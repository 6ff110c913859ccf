// The services the coordinator talks to, over HTTP (their /internal routes and public reads). Each
// call carries the correlation id and a time limit. An answer is returned as status + body; a
// network failure, a time-out or a 5xx is `Unavailable` (worth trying again later).
import { correlationHeader } from '@eventflow/correlation';
import { httpClient } from '@eventflow/service';
import type { Cobrar, Compra, Inventario, Pago, Retener, Seudonimo } from '@eventflow/ticketing-contracts';

export class Unavailable extends Error {
  readonly code: string;
  readonly service: string;
  constructor(service: string, detail: string) {
    super(`${service} did not answer: ${detail}`);
    this.name = 'Unavailable';
    this.code = 'RESERVA.SERVICIO_NO_DISPONIBLE';
    this.service = service;
  }
}

/** What a 5xx said, for people: its problem's code and detail (`503 PAGO.PROVEEDOR_NO_DISPONIBLE: …`), not its raw body. */
export function unavailableDetail(status: number, text: string): string {
  try {
    const problem = JSON.parse(text) as { code?: unknown; detail?: unknown; title?: unknown };
    const said = [problem.code, problem.detail ?? problem.title].filter((part) => typeof part === 'string');
    if (said.length > 0) return `${status} ${said.join(': ')}`.slice(0, 300);
  } catch {
    // not JSON: its first words
  }
  return `${status} ${text.slice(0, 120)}`.trim();
}

export interface Answer<T> {
  readonly status: number;
  readonly body: T;
  /** The problem's code, for 4xx answers. */
  readonly code?: string;
}

export interface Evento {
  readonly evento_id: string;
  readonly nombre: string;
  readonly fecha: string;
  readonly estado: string;
  readonly precio: number;
  readonly aforo_total: number;
  readonly entradas_disponibles?: number;
  readonly max_entradas_por_usuario?: number;
}

export interface Clients {
  /** The pseudonym of a living user: all this service ever keeps of them. */
  seudonimo(usuarioId: string): Promise<Answer<Seudonimo>>;
  entradasCompradas(seudonimo: string, eventoId: string): Promise<number>;
  registrarCompra(seudonimo: string, compra: Compra): Promise<Answer<unknown>>;
  evento(id: string): Promise<Answer<Evento>>;
  inventario(eventoId: string): Promise<Answer<Inventario>>;
  retener(eventoId: string, body: Retener): Promise<Answer<Inventario>>;
  confirmar(eventoId: string, reservaId: string): Promise<Answer<Inventario>>;
  liberar(eventoId: string, reservaId: string): Promise<Answer<Inventario>>;
  cobrar(body: Cobrar): Promise<Answer<Pago>>;
  reembolsar(reservaId: string): Promise<Answer<Pago>>;
}

export interface ClientOptions {
  readonly urlOf: (service: string) => string;
  readonly timeoutMs?: number;
}

export function serviceClients(options: ClientOptions): Clients {
  const http = httpClient({ timeoutMs: options.timeoutMs ?? 5_000 });
  const call = async <T>(
    service: string,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    correlationId?: string,
  ): Promise<Answer<T>> => {
    let response: Response;
    try {
      response = await http(`${options.urlOf(service)}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(correlationId === undefined ? {} : { [correlationHeader]: correlationId }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new Unavailable(service, error instanceof Error ? error.message : String(error));
    }
    const text = await response.text().catch(() => '');
    if (response.status >= 500) throw new Unavailable(service, unavailableDetail(response.status, text));
    const parsed = (text === '' ? {} : JSON.parse(text)) as T & { code?: string };
    return {
      status: response.status,
      body: parsed,
      ...(response.status >= 400 && parsed.code ? { code: parsed.code } : {}),
    };
  };
  const seg = encodeURIComponent;
  return {
    seudonimo: (usuarioId) => call('users', 'GET', `/internal/usuarios/${seg(usuarioId)}/seudonimo`),
    async entradasCompradas(seudonimo, eventoId) {
      const answer = await call<{ entradas: number }>(
        'users',
        'GET',
        `/internal/seudonimos/${seg(seudonimo)}/compras?evento_id=${seg(eventoId)}`,
      );
      return answer.status === 200 ? answer.body.entradas : 0;
    },
    registrarCompra: (seudonimo, compra) =>
      call('users', 'POST', `/internal/seudonimos/${seg(seudonimo)}/compras`, compra),
    evento: (id) => call('events', 'GET', `/api/eventos/${seg(id)}`),
    inventario: (eventoId) => call('inventory', 'GET', `/internal/inventario/${seg(eventoId)}`),
    retener: (eventoId, body) => call('inventory', 'POST', `/internal/inventario/${seg(eventoId)}/retenciones`, body),
    confirmar: (eventoId, reservaId) =>
      call('inventory', 'POST', `/internal/inventario/${seg(eventoId)}/retenciones/${seg(reservaId)}/confirmar`, {}),
    liberar: (eventoId, reservaId) =>
      call('inventory', 'POST', `/internal/inventario/${seg(eventoId)}/retenciones/${seg(reservaId)}/liberar`, {}),
    cobrar: (body) => call('payments', 'POST', '/internal/pagos', body),
    reembolsar: (reservaId) => call('payments', 'POST', `/internal/pagos/${seg(reservaId)}/reembolso`, {}),
  };
}
