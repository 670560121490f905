import type { Rng } from '@memsim/core';
import type { StochasticParameter } from '../stochastic/stochastic-parameter';

/**
 * How ODE models (LinearIonDrift, VTEAM, StanfordPKU) advance their state over one sample.
 * - `'euler'`: one explicit Euler step per sample (MemTorch's integration; the default).
 * - `'rk4'`: `substeps` classical Runge–Kutta steps per sample.
 * - `'adaptive'`: step-doubling RK4 per device, halving until the local error is below `tolerance`·(state range).
 * The data-driven models use exact one-step solutions and ignore this setting.
 * @example
 * const method: IntegrationMethod = 'rk4';
 * createPopulation(VTEAM, 4, {}, { integration: { method, substeps: 4 } });
 */
export type IntegrationMethod = 'euler' | 'rk4' | 'adaptive';

/**
 * Runtime list of {@link IntegrationMethod} values.
 *
 * @example
 * INTEGRATION_METHODS; // → ['euler', 'rk4', 'adaptive']
 */
export const INTEGRATION_METHODS: readonly IntegrationMethod[] = Object.freeze(['euler', 'rk4', 'adaptive']);

/**
 * Integration settings of a population.
 *
 * @example
 * const integration: IntegrationConfig = { method: 'adaptive', substeps: 1, tolerance: 1e-9 };
 * createPopulation(LinearIonDrift, 4, {}, { integration });
 */
export interface IntegrationConfig {
  /** Integration scheme. @default 'euler' */
  method: IntegrationMethod;
  /** Sub-steps per sample for `'euler'` and `'rk4'` (positive integer). @default 1 */
  substeps: number;
  /** Local error tolerance of `'adaptive'`, relative to the state's range. @default 1e-9 */
  tolerance: number;
}

/**
 * Default integration: MemTorch's single explicit Euler step per sample.
 *
 * @example
 * DEFAULT_INTEGRATION; // → { method: 'euler', substeps: 1, tolerance: 1e-9 }
 */
export const DEFAULT_INTEGRATION: Readonly<IntegrationConfig> = Object.freeze({
  method: 'euler',
  substeps: 1,
  tolerance: 1e-9,
});

/**
 * Parameters of a model where every numeric value may instead be a {@link StochasticParameter}.
 *
 * @example
 * const params: StochasticParams<VteamParams> = { rOn: normal({ mean: 50, std: 5, min: 10 }), rOff: 1000 };
 * const pop = createPopulation(VTEAM, 100, params, { seed: 1 }); // each device draws its own rOn; rOff is shared
 */
export type StochasticParams<P> = {
  [K in keyof P]?: P[K] extends number
    ? number | StochasticParameter
    : P[K] extends readonly number[]
      ? ReadonlyArray<number | StochasticParameter>
      : P[K];
};

/**
 * N devices of one model as a struct of typed arrays : one state slot per device, and each parameter
 * either a number shared by all devices or a Float64Array with one value per device.
 * @example
 * const pop: DevicePopulation = createPopulation(VTEAM, 3, { rOn: normal({ mean: 50, std: 5, min: 1 }) }, { seed: 1 });
 * pop.size; // → 3; pop.state → Float64Array(3); pop.params.rOn → Float64Array(3), pop.params.rOff → 1000
 */
export interface DevicePopulation {
  /** The model whose kernels drive this population. */
  // biome-ignore lint/suspicious/noExplicitAny: a population works with a model of any parameter type (contract).
  readonly model: DeviceModel<any>;
  /** Number of devices. */
  readonly size: number;
  /** The model's state variable per device (see `model.stateName` and its unit). */
  readonly state: Float64Array;
  /** Numeric parameters: a number when shared by all devices, a Float64Array (length `size`) when it varies. */
  readonly params: Record<string, number | Float64Array>;
  /** Non-numeric model settings, e.g. LinearIonDrift's `window`. */
  readonly settings: Readonly<Record<string, string>>;
  /** Extra per-device arrays a model keeps between steps (StanfordPKU: `current`, the last current [A]). */
  readonly aux: Record<string, Float64Array>;
  /** Integration settings of the ODE models. */
  readonly integration: Readonly<IntegrationConfig>;
  /** Generator for models that draw noise while stepping (StanfordPKU with `modelSwitch = 1`), else null. */
  readonly rng: Rng | null;
}

/**
 * Which voltage sign raises conductance (MemTorch's `p_on`/`p_off` convention).
 *
 * @example
 * const polarity: Polarity = VTEAM.polarity; // → -1: a negative voltage raises VTEAM's conductance
 * new Memristor(VTEAM).simulate(polarity * 1); // a SET sample at −1 V
 */
export type Polarity = 1 | -1;

/**
 * When the current a `simulate` call records is taken.
 *
 * @example
 * const timing: CurrentTiming = VTEAM.currentTiming; // → 'after-step' (LinearIonDrift: 'before-step', as in MemTorch)
 */
export type CurrentTiming = 'before-step' | 'after-step';

/**
 * One compact memristor model: its parameters, defaults and validation, plus batched kernels over a
 * {@link DevicePopulation}. Kernels assume valid input, do not allocate and do not validate per device.
 * @example
 * const model: DeviceModel<VteamParams> = VTEAM; // every model: validate, step, current, conductance, setConductance
 * model.polarity; // → -1: negative voltages raise VTEAM's conductance
 */
export interface DeviceModel<P> {
  /** `'VTEAM'`, `'LinearIonDrift'`, `'DataDriven'`, `'DataDriven2021'` or `'StanfordPKU'`. */
  readonly name: string;
  /** MemTorch's default parameters, SI units, camelCase. */
  readonly defaults: Readonly<P>;
  /**
   * Fills in defaults and checks every parameter (types, ranges, `0 < rOn < rOff`, unknown keys).
   * @throws {InvalidParameterError} naming the model and the parameter.
   */
  validate(params?: Partial<P>): P;
  /** Sign of the voltage that RAISES conductance (SET), with default parameter signs. */
  readonly polarity: Polarity;
  /** [V] Voltage at which `conductance` is defined (StanfordPKU reads I(V)/V there; linear models read 1/R). */
  readonly readVoltage: number;
  /** Name of the state variable, e.g. `'x'` (VTEAM, metres), `'gap'` (m), `'resistance'` (Ω). */
  readonly stateName: string;
  /** Whether `Memristor.simulate` records the current before or after each step (MemTorch's choice per model). */
  readonly currentTiming: CurrentTiming;
  /** Names of the numeric population parameters (keys of `pop.params`). */
  readonly parameterNames: readonly string[];
  /** Default sweep settings of MemTorch's `plot_hysteresis_loop` for this model. */
  readonly hysteresisDefaults: Readonly<{ duration: number; amplitude: number; frequency: number }>;
  /** Default sweep settings of MemTorch's `plot_bipolar_switching_behaviour` for this model. */
  readonly bipolarDefaults: Readonly<{ amplitude: number; frequency: number }>;
  /**
   * Advances every device one sample of length `dt` [s] at `voltage` [V] (a number for all devices or one per
   * device). @throws {NumericalError} when a state becomes non-finite.
   */
  step(pop: DevicePopulation, voltage: number | Float64Array, dt: number): void;
  /** Writes each device's current [A] at `voltage` [V] and its present state into `out`. */
  current(pop: DevicePopulation, voltage: number | Float64Array, out: Float64Array): void;
  /**
   * Sets each device's state so `conductance()` returns `g` [S]. Values outside a device's range land on the
   * nearer bound: clip into `conductanceRange(pop)` first.
   */
  setConductance(pop: DevicePopulation, g: number | Float64Array): void;
  /** Writes each device's conductance [S] at `readVoltage` into `out`. */
  conductance(pop: DevicePopulation, out: Float64Array): void;
  /** Writes each device's initial state (as a fresh MemTorch device) into `pop.state`. */
  initialize(pop: DevicePopulation): void;
  /** Clears per-call memory before a `simulate` call (StanfordPKU's previous current, reset per call as MemTorch). */
  beginSimulation(pop: DevicePopulation): void;
  /**
   * Checks parameter values after sampling (one value or one array per parameter) and throws naming the device.
   * @throws {InvalidParameterError}
   */
  checkParams(
    params: Readonly<Record<string, number | Float64Array>>,
    where: string,
    options?: { resistanceOrderChecked?: boolean },
  ): void;
  /** Splits validated params into numeric population parameters (arrays of coefficients flattened) and settings. */
  flatten(params: Readonly<Record<string, unknown>>): {
    numeric: Record<string, unknown>;
    settings: Record<string, string>;
  };
}
