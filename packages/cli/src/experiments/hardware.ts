import type { MeasuredSource } from './measured-source';

/**
 * What one trial simulates, in the CLI's own terms (mapped onto `@memsim/layers` `patchModel` options and
 * non-idealities by `experiments/simulate.ts`). All values SI.
 *
 * @example
 * const spec: HardwareSpec = { ...NOVEL_DEFAULTS, tileShape: [128, 128], adcBits: 8 }; // the studies' device, tiled, 8-bit ADC
 * patchOptions(spec, 1).mapping?.tileShape; // → [128, 128] (the patchModel configs of one trial)
 */
export interface HardwareSpec {
  /** Device model name (see `memsim device`). */
  device: string;
  /** Other device parameters (SI, camelCase) overriding the model's defaults. */
  deviceParams?: Record<string, number>;
  /** Mean low-resistance state [Ω]; default: the model's. */
  rOn?: number;
  /** Mean high-resistance state [Ω]; default: the model's. */
  rOff?: number;
  /**
   * Device-to-device standard deviation [Ω]: rOn ~ N(rOn, σ), rOff ~ N(rOff, 2σ), truncated at 1 Ω (MemTorch's
   * novel simulations). 0 = identical devices.
   */
  sigma: number;
  /** Physical tile shape [rows, cols]; null = untiled. */
  tileShape: [number, number] | null;
  /** ADC bits per tile column; null = no ADC. */
  adcBits: number | null;
  /** Largest word-line voltage [V]. */
  maxInputVoltage: number;
  /** 1T1R (true) or passive 0T1R with wire resistance (false). */
  transistor: boolean;
  /** Source resistance [Ω] of a passive array. */
  sourceResistance?: number;
  /** Line resistance per cell segment [Ω] of a passive array. */
  lineResistance?: number;
  /** Finite conductance states per device; null = continuous. */
  states: number | null;
  /** Proportion of devices stuck at LRS, in [0, 1]. */
  lrs: number;
  /** Proportion of devices stuck at HRS, in [0, 1]. */
  hrs: number;
  /** Calibrate the outputs after programming (MemTorch's `tune_()`). */
  tune: boolean;
  /** Random input rows per crossbar set for the calibration fit. Default: @memsim/layers' (1024). */
  tuneSamples?: number;
  /**
   * Read the devices through their non-linear I-V (the model's current at each device's state for the applied
   * voltage; @memsim/nonideality `nonLinear` in `'simulate'` mode, crossbar MVM mode `'nonlinear'`).
   */
  nonLinear?: boolean;
  /** `'finite-then-faults'` (MemTorch S2 order) — the order non-idealities are applied in. */
  order?: 'finite-then-faults';
  /**
   * Programming noise after programming, before tuning (@memsim/nonideality `programmingNoise`: aihwkit's
   * `PCMLikeNoiseModel` or `ReRamWan2022NoiseModel` σ(g/g_max), or a user σ/g_max expression in x = g/g_max, times
   * `scale`).
   */
  programmingNoise?:
    | { model: 'pcm' | 'reram'; scale: number }
    | { model: 'polynomial'; expression: string; scale: number };
  /** Read noise drawn afresh on every forward (@memsim/nonideality `ReadNoiseConfig`, e.g. `{ model: 'pcm' }`). */
  readNoise?: { model: 'pcm' } | { model: 'gaussian'; additive?: number; relative?: number };
  /** PCM drift (aihwkit ν per device) to this inference time after programming and tuning [s]. */
  driftTime?: number;
  /** Global drift compensation of every crossbar set after the drift (aihwkit `GlobalDriftCompensation`). */
  driftCompensation?: boolean;
  /**
   * A measured device instead of `device` (`--measured`): the model `@memsim/devices` `measuredDevice` fits to the
   * CSV, with its measured rOn/rOff and cycle-to-cycle spread; `deviceParams`, `rOn` and `rOff` (set for the
   * study's own device) are not used, `sigma` still draws rOn/rOff per device around the measured values.
   */
  measured?: MeasuredSource;
}

/**
 * The MemTorch novel-simulation device: VTEAM with rOn = 200 Ω, rOff = 500 Ω, untiled, no ADC, tuned.
 *
 * @example
 * NOVEL_DEFAULTS.rOn; // → 200 [Ω]: the studies' device (VTEAM, 200 Ω / 500 Ω)
 */
export const NOVEL_DEFAULTS: Readonly<HardwareSpec> = Object.freeze({
  device: 'VTEAM',
  rOn: 200,
  rOff: 500,
  sigma: 0,
  tileShape: null,
  adcBits: null,
  maxInputVoltage: 1,
  transistor: true,
  states: null,
  lrs: 0,
  hrs: 0,
  tune: true,
});

/**
 * The tutorial's hardware: VTEAM defaults, 1T1R, 128×128 tiles, 8-bit linear ADC, inputs encoded to ±1 V, tuned.
 *
 * @example
 * TUTORIAL_DEFAULTS.device; // → 'VTEAM'
 */
export const TUTORIAL_DEFAULTS: Readonly<HardwareSpec> = Object.freeze({
  device: 'VTEAM',
  sigma: 0,
  tileShape: [128, 128] as [number, number],
  adcBits: 8,
  maxInputVoltage: 1,
  transistor: true,
  states: null,
  lrs: 0,
  hrs: 0,
  tune: true,
});

/**
 * aihwkit's PCM inference setting on the tutorial hardware: PCM programming noise and 1/f read noise on VTEAM devices
 * with g_max = 1/rOn (the drift and programming-noise studies).
 */
export const PCM_DEFAULTS: Readonly<HardwareSpec> = Object.freeze({
  ...TUTORIAL_DEFAULTS,
  programmingNoise: { model: 'pcm', scale: 1 } as const,
  readNoise: { model: 'pcm' } as const,
});
