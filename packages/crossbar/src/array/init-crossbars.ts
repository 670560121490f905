// MODULES //

import { checkMatrix, option, resolveOptions, resolveRng, rule, requireOptions } from '@memsim/core';
import type { Matrix, OptionsSchema, Rng } from '@memsim/core';
import { meanParameter } from '@memsim/devices';
import type { DeviceModel, IntegrationConfig } from '@memsim/devices';
import { SCHEMES, mapWeights } from '@memsim/mapping';
import type { MappingRoutine, Scheme } from '@memsim/mapping';
import type { ProgramOptions } from '../programming/program-options';
import { checkDeviceModel } from '../internal/check-device-model';
import { DEFER_INIT } from '../internal/defer-init';
import { Crossbar } from './crossbar';
import type { InitialState } from './crossbar';
import type { MappedCrossbars } from './mapped-crossbars';

// TYPES //

/**
 * Options of {@link initCrossbars}.
 *
 * @example
 * import { VTEAM } from '@memsim/devices';
 * const options: InitCrossbarsOptions = { model: VTEAM, scheme: 'double-column', tileShape: [128, 128], mapping: 'per-column' };
 * initCrossbars({ rows: 2, cols: 1, data: [0.5, -1] }, options).crossbars.length; // → 2 (G⁺ and G⁻)
 */
export interface InitCrossbarsOptions {
  /** Device model of every cell, e.g. `VTEAM`. */
  model: DeviceModel<any>;
  /** Model parameters [SI]; numeric ones may be StochasticParameters (sampled per device). @default model defaults */
  params?: Record<string, unknown>;
  /** `'double-column'` (G⁺, G⁻ on two crossbars) or `'single-column'` (G around g_m). @default 'double-column' */
  scheme?: Scheme;
  /** 1T1R (direct set) when true; 0T1R pulse programming when false. @default true */
  transistor?: boolean;
  /** Physical tile shape `[tileRows, tileCols]` of every crossbar. @default untiled */
  tileShape?: [number, number];
  /** Mapping routine: `'naive'`, `'per-column'`, `'levels'` or a function (see `@memsim/mapping`). @default 'naive' */
  mapping?: 'naive' | 'per-column' | 'levels' | MappingRoutine;
  /** Conductance levels for the `'levels'` routine (integer ≥ 2). */
  levels?: number;
  /** Percentile setting w_max [1], in [0, 1] (MemTorch's `p_l`). @default max |w| */
  pL?: number;
  /** Pulse programming options when `transistor` is false. */
  programming?: ProgramOptions;
  /** Initial device state before the write. @default 'hrs' */
  initialState?: InitialState;
  /** Seed for stochastic parameters (and the random initial state). */
  seed?: number;
  /** Generator instead of `seed`. */
  rng?: Rng;
  /** Integration of the ODE models (pulse programming), see `@memsim/devices`. @default Euler, 1 substep */
  integration?: Partial<IntegrationConfig>;
}

// MAIN //

/** The rules of {@link InitCrossbarsOptions}; the crossbar, mapping and programming options are checked by their owners. */
const SCHEMA = {
  model: option.required(checkDeviceModel),
  params: option.withDefault(rule.any<Record<string, unknown>>(), {}),
  scheme: option.withDefault(rule.oneOf(SCHEMES), 'double-column'),
  transistor: option.withDefault(rule.boolean, true),
  tileShape: option.optional(rule.any<[number, number]>()),
  mapping: option.withDefault(rule.any<NonNullable<InitCrossbarsOptions['mapping']>>(), 'naive'),
  levels: option.optional(rule.any<number>()),
  pL: option.optional(rule.any<number>()),
  programming: option.optional(rule.any<ProgramOptions>()),
  initialState: option.optional(rule.any<InitialState>()),
  seed: option.optional(rule.any<number>()),
  rng: option.optional(rule.any<Rng>()),
  integration: option.optional(rule.any<Partial<IntegrationConfig>>()),
} satisfies OptionsSchema<InitCrossbarsOptions>;

/**
 * Maps a weight matrix (rows = inputs, cols = outputs: a Dense kernel as is, a conv kernel after
 * `@memsim/layers`' `flattenConvKernel`) onto crossbars. The mapping range is the MEAN `rOn`/`rOff` of the given parameters
 * (not the model defaults, not a random sample); each device then clamps its target into its own range (counted in
 * `writeReports`).
 *
 * @param weights - `{ rows, cols, data }`, finite.
 * @param options - see {@link InitCrossbarsOptions}.
 * @returns the crossbars, per-column gain and (single-column) reference conductance.
 * @throws {InvalidParameterError} on NaN weights, unknown scheme or options, invalid device parameters, or stochastic parameters without `seed`/`rng`.
 * @example
 * import { VTEAM } from '@memsim/devices';
 * const mapped = initCrossbars({ rows: 2, cols: 1, data: [0.5, -1] }, { model: VTEAM });
 * mapped.crossbars.length; // → 2
 */
export function initCrossbars(weights: Matrix, options: InitCrossbarsOptions): MappedCrossbars {
  const where = 'initCrossbars';
  requireOptions(where, options);
  const o = resolveOptions(where, options, SCHEMA);
  const w = checkMatrix(where, 'weights', weights);
  const { scheme, transistor, model, params } = o;
  const defaults = model.defaults as Record<string, unknown>;
  const rOn = meanParameter(params, 'rOn', defaults);
  const rOff = meanParameter(params, 'rOff', defaults);
  const mapped = mapWeights(w, {
    routine: o.mapping,
    rOn,
    rOff,
    scheme,
    ...(o.pL === undefined ? {} : { pL: o.pL }),
    ...(o.levels === undefined ? {} : { levels: o.levels }),
  });
  const rng = o.seed !== undefined || o.rng !== undefined ? resolveRng(where, o) : undefined;
  const crossbars: Crossbar[] = [];
  const writeReports = [];
  for (const G of mapped.conductances) {
    const xbar = new Crossbar(
      {
        model,
        params,
        rows: w.rows,
        cols: w.cols,
        ...(o.tileShape === undefined ? {} : { tileShape: o.tileShape }),
        ...(o.initialState === undefined ? {} : { initialState: o.initialState }),
        ...(rng === undefined ? {} : { rng }),
        ...(o.integration === undefined ? {} : { integration: o.integration }),
      },
      transistor ? DEFER_INIT : undefined,
    );
    writeReports.push(
      xbar.write(G.data, {
        transistor,
        ...(o.programming === undefined ? {} : { programming: o.programming }),
      }),
    );
    crossbars.push(xbar);
  }
  return {
    scheme,
    crossbars,
    gain: mapped.gain,
    ...(mapped.referenceConductance === undefined ? {} : { referenceConductance: mapped.referenceConductance }),
    rows: w.rows,
    cols: w.cols,
    writeReports,
  };
}
