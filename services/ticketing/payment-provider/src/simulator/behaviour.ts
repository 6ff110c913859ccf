import { providerErrors } from '../errors.ts';
import { declines } from './decline.ts';
import { drawLatency, formatLatency, parseLatency, type LatencyRange } from './latency.ts';

/** How the simulated processor behaves, as GET /control shows it. */
export interface Settings {
  readonly latencia_ms: string;
  readonly tasa_rechazo: number;
  readonly caida: boolean;
  /** Charges and refunds still to fail with 503 before the processor answers normally again. */
  readonly fallar_siguientes: number;
  readonly rechazar_referencias: readonly string[];
}

/** A change of settings (PUT /control): only what is given changes. */
export type SettingsChange = Partial<Settings>;

/**
 * The simulator's behaviour: latency, declines, outages. Read from the environment at start and
 * changed at run time through /control; held in memory, per process.
 */
export class Behaviour {
  #latency: LatencyRange;
  #declineRate: number;
  #outage: boolean;
  #failNext = 0;
  #declined = new Set<string>();
  readonly #random: () => number;

  constructor(initial: { latencia_ms: string; tasa_rechazo: number; caida: boolean }, random = Math.random) {
    const latency = parseLatency(initial.latencia_ms);
    if (latency === undefined) throw new RangeError(`latency ${initial.latencia_ms}: write "min-max" with min ≤ max`);
    this.#latency = latency;
    this.#declineRate = initial.tasa_rechazo;
    this.#outage = initial.caida;
    this.#random = random;
  }

  settings(): Settings {
    return {
      latencia_ms: formatLatency(this.#latency),
      tasa_rechazo: this.#declineRate,
      caida: this.#outage,
      fallar_siguientes: this.#failNext,
      rechazar_referencias: [...this.#declined],
    };
  }

  /** Applies a change as a whole, or throws PROVEEDOR.CONTROL_INVALIDO and changes nothing. */
  change(change: SettingsChange): Settings {
    const latency = change.latencia_ms === undefined ? this.#latency : parseLatency(change.latencia_ms);
    if (latency === undefined) {
      throw providerErrors.invalidControl(`latencia_ms "${change.latencia_ms}": write "min-max", min ≤ max ≤ 60000`);
    }
    this.#latency = latency;
    this.#declineRate = change.tasa_rechazo ?? this.#declineRate;
    this.#outage = change.caida ?? this.#outage;
    this.#failNext = change.fallar_siguientes ?? this.#failNext;
    if (change.rechazar_referencias !== undefined) this.#declined = new Set(change.rechazar_referencias);
    return this.settings();
  }

  /** The latency of the next request, drawn in the configured range. */
  nextLatencyMs(): number {
    return drawLatency(this.#latency, this.#random);
  }

  /** Throws PROVEEDOR.NO_DISPONIBLE while down or while failures are still due (counting one down). */
  admit(): void {
    if (this.#outage) throw providerErrors.unavailable('The card processor is down (simulated outage)');
    if (this.#failNext > 0) {
      this.#failNext -= 1;
      throw providerErrors.unavailable('The card processor failed this request (simulated failure)');
    }
  }

  declines(referencia: string): boolean {
    return declines(referencia, this.#declineRate, this.#declined);
  }
}
