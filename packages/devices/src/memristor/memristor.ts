import {
  checkFiniteArray,
  checkPositiveNumber,
  InvalidParameterError,
  type OptionsSchema,
  option,
  resolveOptions,
  rule,
  NumericalError,
} from '@memsim/core';
import { conductanceRange } from '../population/conductance-range';
import { type CreatePopulationOptions, createPopulation } from '../population/create-population';
import type { DeviceModel, DevicePopulation, StochasticParams } from '../population/device-population';

/**
 * Options of {@link Memristor.simulate}.
 *
 * @example
 * const m = new Memristor(VTEAM);
 * const options: SimulateOptions = { returnCurrent: true, dt: m.timeSeriesResolution }; // defaults: false, 0.1 ns for VTEAM
 * m.simulate(new Float64Array(5).fill(1), options)?.[0]; // → 0.01969441… A
 */
export interface SimulateOptions {
  /** Return one current [A] per sample (MemTorch's `return_current`). @default false */
  returnCurrent?: boolean;
  /** Sample spacing [s]. @default the device's `timeSeriesResolution` */
  dt?: number;
}

/**
 * Options of {@link Memristor.setConductance}.
 *
 * @example
 * const m = new Memristor(VTEAM);
 * const options: SetConductanceOptions = { clip: true }; // default false: a target outside [1/rOff, 1/rOn] throws
 * m.setConductance(1, options); // 1 S is above 1/rOn, so it is set to 1/rOn
 * m.conductance; // → 0.02 S (rOn = 50 Ω)
 */
export interface SetConductanceOptions {
  /**
   * Clip `g` into the device range [1/rOff, 1/rOn] as MemTorch does. When false, a value outside the range throws.
   * @default false
   */
  clip?: boolean;
}

/**
 * Options of the {@link Memristor} constructor (same as createPopulation's).
 *
 * @example
 * const options: MemristorOptions = { seed: 1, integration: { method: 'euler', substeps: 1, tolerance: 1e-9 }, resampleThreshold: 5 }; // seed + defaults
 * const m = new Memristor(VTEAM, { rOn: normal({ mean: 50, std: 5, min: 10 }) }, options); // rOn drawn from seed 1
 */
export type MemristorOptions = CreatePopulationOptions;

const SET_CONDUCTANCE_SCHEMA = {
  clip: option.withDefault(rule.boolean, false),
} satisfies OptionsSchema<SetConductanceOptions>;

const SIMULATE_SCHEMA = {
  returnCurrent: option.withDefault(rule.boolean, false),
  dt: option.optional(rule.positive),
} satisfies OptionsSchema<SimulateOptions>;

/**
 * One memristor: a population of one device with a convenient scalar API (MemTorch's per-device object). Every
 * method runs the model's batched kernels, so there is exactly one implementation of each model.
 *
 * @example
 * const m = new Memristor(VTEAM);
 * m.simulate(new Float64Array(5).fill(1), { returnCurrent: true })[0]; // → 0.01969441…
 */
export class Memristor<P = Record<string, unknown>> {
  /** The model. */
  readonly model: DeviceModel<P>;
  /** The underlying population of size 1 (shared, not copied). */
  readonly population: DevicePopulation;
  private readonly scratch = new Float64Array(1);

  /**
   * @param model - e.g. `VTEAM`.
   * @param params - model parameters (stochastic ones are drawn once: give `seed` or `rng`).
   * @param options - `seed`, `rng`, `integration`, `resampleThreshold`.
   * @throws {InvalidParameterError} for invalid parameters (see createPopulation).
   */
  constructor(model: DeviceModel<P>, params?: StochasticParams<P>, options?: MemristorOptions) {
    this.model = model;
    this.population = createPopulation(model, 1, params, options);
  }

  /** Builds a facade around an existing population of one device (shared, not copied). */
  static fromPopulation<Q>(pop: DevicePopulation): Memristor<Q> {
    if (pop?.size !== 1)
      throw new InvalidParameterError({
        where: 'Memristor.fromPopulation',
        parameter: 'pop.size',
        value: pop?.size,
        expected: '1',
      });
    const m = Object.create(Memristor.prototype) as Memristor<Q>;
    Object.assign(m, { model: pop.model, population: pop, scratch: new Float64Array(1) });
    return m;
  }

  /** Default sample spacing of this device [s]. */
  get timeSeriesResolution(): number {
    return this.population.params.timeSeriesResolution as number;
  }

  /** Conductance at the model's read voltage [S]. */
  get conductance(): number {
    this.model.conductance(this.population, this.scratch);
    return this.scratch[0]!;
  }

  /** 1 / conductance [Ω]. */
  get resistance(): number {
    return 1 / this.conductance;
  }

  /** The state variable (`model.stateName`, in its unit). */
  get state(): number {
    return this.population.state[0]!;
  }

  /** Conductance range [S] of this device: `{ gMin: 1/rOff, gMax: 1/rOn }`. */
  get range(): { gMin: number; gMax: number } {
    const { gMin, gMax } = conductanceRange(this.population);
    return { gMin: gMin[0]!, gMax: gMax[0]! };
  }

  /**
   * Current [A] at voltage `v` [V] in the present state (the state does not change).
   * @throws {InvalidParameterError} when `v` is not finite.
   */
  current(v: number): number {
    if (!(typeof v === 'number' && Number.isFinite(v)))
      throw new InvalidParameterError({
        where: `${this.model.name} current`,
        parameter: 'v',
        value: v,
        expected: 'a finite number [V]',
      });
    this.model.current(this.population, v, this.scratch);
    return this.scratch[0]!;
  }

  /**
   * Sets the state so that `conductance` is `g` [S] (mutates the device).
   * @throws {InvalidParameterError} when `g` is not a finite number > 0, or is outside [1/rOff, 1/rOn] without `clip`.
   * @throws {InvalidParameterError} for an unknown option or a non-boolean `clip`.
   */
  setConductance(g: number, options: SetConductanceOptions = {}): void {
    const where = `${this.model.name} setConductance`;
    const { clip } = resolveOptions(where, options, SET_CONDUCTANCE_SCHEMA);
    checkPositiveNumber(where, 'g', g);
    const { gMin, gMax } = this.range;
    let target = g;
    if (clip) target = Math.min(Math.max(g, gMin), gMax);
    else if (!(g >= gMin * (1 - 1e-12) && g <= gMax * (1 + 1e-12)))
      throw new InvalidParameterError({
        where,
        parameter: 'g',
        value: g,
        expected: `in [${gMin}, ${gMax}] S (1/rOff .. 1/rOn), or pass { clip: true }`,
      });
    this.model.setConductance(this.population, target);
  }

  /**
   * Drives the device with `voltages` [V], one step of `dt` per sample, in order (mutates the device). With
   * `returnCurrent`, returns one current [A] per sample, taken before or after each step as the model's MemTorch
   * counterpart does (`model.currentTiming`).
   *
   * @throws {InvalidParameterError} for non-finite voltages, a bad `dt` or unknown options.
   * @throws {NumericalError} when the state blows up, naming the sample index.
   */
  simulate(voltages: number | ArrayLike<number>, options: SimulateOptions & { returnCurrent: true }): Float64Array;
  simulate(voltages: number | ArrayLike<number>, options?: SimulateOptions): Float64Array | undefined;
  simulate(voltages: number | ArrayLike<number>, options: SimulateOptions = {}): Float64Array | undefined {
    const where = `${this.model.name} simulate`;
    const o = resolveOptions(where, options, SIMULATE_SCHEMA);
    // The device's own resolution when absent (known only per device).
    const dt = o.dt ?? this.timeSeriesResolution;
    const returnCurrent = o.returnCurrent;
    if (typeof voltages !== 'number' && !isArrayLikeOfNumbers(voltages))
      throw new InvalidParameterError({
        where,
        parameter: 'voltages',
        value: voltages,
        expected: 'a finite number or an array of finite numbers [V]',
      });
    const v =
      typeof voltages === 'number'
        ? [checkFinite(where, voltages)]
        : (checkFiniteArray(
            where,
            'voltages',
            ArrayBuffer.isView(voltages) || Array.isArray(voltages) ? voltages : Array.from(voltages),
          ) as ArrayLike<number>);
    const n = v.length;
    const out = returnCurrent ? new Float64Array(n) : null;
    const pop = this.population;
    const model = this.model;
    const scratch = this.scratch;
    const after = model.currentTiming === 'after-step';
    model.beginSimulation(pop);
    const trace = (
      model as { trace?: (p: DevicePopulation, v: ArrayLike<number>, dt: number, o: Float64Array | null) => void }
    ).trace;
    if (trace !== undefined) {
      trace(pop, v, dt, out);
      // The fused loops record currents without the per-call overflow check of model.current: scan once here.
      if (out !== null)
        for (let k = 0; k < n; k++)
          if (!(out[k]! - out[k]! === 0))
            throw new NumericalError({
              where,
              step: k,
              detail: `the current overflowed to ${out[k]} A at ${v[k]} V (the current law exceeds the double range)`,
            });
      return out ?? undefined;
    }
    let k = 0;
    try {
      for (; k < n; k++) {
        const vk = v[k]!;
        if (out !== null && !after) {
          model.current(pop, vk, scratch);
          out[k] = scratch[0]!;
        }
        model.step(pop, vk, dt);
        if (out !== null && after) {
          model.current(pop, vk, scratch);
          out[k] = scratch[0]!;
        }
      }
    } catch (error) {
      if (NumericalError.isInstance(error))
        throw new NumericalError({ where, step: k, detail: `${error.detail} (voltage ${v[k]} V)` });
      throw error;
    }
    return out ?? undefined;
  }
}

function checkFinite(where: string, v: number): number {
  if (!(typeof v === 'number' && Number.isFinite(v)))
    throw new InvalidParameterError({
      where,
      parameter: 'voltages',
      value: v,
      expected: 'a finite number or an array of finite numbers [V]',
    });
  return v;
}

/** An array, a typed array or another array-like object (a `length` that is a safe non-negative integer). */
function isArrayLikeOfNumbers(value: unknown): value is ArrayLike<number> {
  if (Array.isArray(value) || ArrayBuffer.isView(value)) return true;
  if (typeof value !== 'object' || value === null) return false;
  const length = (value as { length?: unknown }).length;
  return typeof length === 'number' && Number.isSafeInteger(length) && length >= 0;
}
