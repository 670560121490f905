import type * as tf from '@tensorflow/tfjs';
import type { Matrix, Rng } from '@memsim/core';
import type { MvmMode, ProgramOptions } from '@memsim/crossbar';
import type { DeviceModel } from '@memsim/devices';
import type { MappingRoutine, ScalePer, Scheme } from '@memsim/mapping';
import type { AdcConfig, DacConfig } from '@memsim/quantize';
import type { ReadNoiseConfig } from '@memsim/nonideality';
import type { CrossbarEngine } from '../memristive/crossbar-engine';
import type { RowOrder } from '../unfold/row-order';
import type { AdcRange } from '../config/readout-config';
import type { SupportedLayerClass } from './supported-layers';
import type { PatchConfig } from '../config/patch-config';
import { FLAT_PATCH_SCHEMA } from '../config/flat-options';

/**
 * What an engine factory is told about the crossbar set it builds an engine for.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs';
 * const seen: EngineRequest[] = [];
 * const zeros: EngineFactory = (request) => (seen.push(request), (_input, batch) => new Float32Array(batch * request.weights.cols));
 * await patchModel(tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [6] })] }), { engine: zeros });
 * [seen[0].index, seen[0].weights.rows, seen[0].weights.cols]; // → [0, 6, 3]
 */
export interface EngineRequest {
  /** Name of the memristive layer. */
  layer: string;
  /** Index of the crossbar set within the layer (conv group, or 0 = input / 1 = recurrent kernel of an RNN). */
  index: number;
  /** The digital weight matrix to store (rows = inputs, cols = outputs). */
  weights: Matrix<Float32Array>;
}

/**
 * A custom crossbar simulator: returns the engine of one crossbar set (replaces `@memsim/crossbar`).
 *
 * @example
 * import * as tf from '@tensorflow/tfjs';
 * // A digital simulator in place of @memsim/crossbar: out = input · W for every crossbar set.
 * const digital: EngineFactory = ({ weights: w }) => (input, batch) => {
 *   const out = new Float32Array(batch * w.cols);
 *   for (let b = 0; b < batch; b++) for (let r = 0; r < w.rows; r++) for (let c = 0; c < w.cols; c++) out[b * w.cols + c] += input[b * w.rows + r] * w.data[r * w.cols + c];
 *   return out;
 * };
 * const model = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [6] })] });
 * (await patchModel(model, { engine: digital })).predict(tf.ones([1, 6])); // = model.predict(tf.ones([1, 6]))
 */
export type EngineFactory = (request: EngineRequest) => CrossbarEngine;

/**
 * The flat options of `patchModel` (every option in one object), kept for one release.
 *
 * @deprecated pass a {@link PatchConfig} (`{ device, mapping, programming, readout }`); `patchModel` translates this
 * form to it (bit-identical outputs) and warns once per process.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs';
 * import { VTEAM } from '@memsim/devices';
 * const flat: PatchOptions = { model: VTEAM, scheme: 'double-column', seed: 0 }; // = { device: { model: VTEAM }, mapping: { scheme: 'double-column' }, seed: 0 }
 * const patched = await patchModel(tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [6] })] }), flat);
 */
export interface PatchOptions {
  /**
   * Layers to make memristive: tfjs class names, or a predicate on each layer.
   * @default every supported class ('Dense', 'Conv1D', 'Conv2D', 'Conv3D', 'DepthwiseConv2D', 'SimpleRNN', 'LSTM', 'GRU')
   */
  layers?: readonly SupportedLayerClass[] | ((layer: tf.layers.Layer) => boolean);
  /** Device model of every cell, e.g. `VTEAM` from `@memsim/devices`. Required unless `engine` is given. */
  model?: DeviceModel<any>;
  /** Device parameters [SI]; numeric ones may be StochasticParameters (sampled per device, needs `seed`). @default model defaults */
  params?: Record<string, unknown>;
  /** How signed weights are stored. @default 'double-column' */
  scheme?: Scheme;
  /** Weight → conductance mapping routine. @default 'naive' */
  mapping?: 'naive' | 'per-column' | 'levels' | MappingRoutine;
  /** Conductance levels of the `'levels'` mapping (integer ≥ 2). */
  levels?: number;
  /** Percentile that sets w_max, in [0, 1] (MemTorch's `p_l`). @default max |w| */
  pL?: number;
  /**
   * Crossbar row order of convolution kernels: (c, kd, kh, kw) (`'channels-first'`, MemTorch's) or (kd, kh, kw, c)
   * (`'channels-last'`, tfjs's kernel layout). The same matrix up to a row permutation, but with tiles each tile
   * holds different rows, so per-tile ADC (and passive) results differ. Saved with the chip. @default 'channels-first'
   */
  rowOrder?: RowOrder;
  /** 1T1R (true: conductances set directly) or 0T1R passive arrays (false: pulse programming, passive read-out). @default true */
  transistor?: boolean;
  /** Pulse programming options when `transistor` is false (see `@memsim/crossbar` `program`). */
  programming?: ProgramOptions;
  /** Source (driver) resistance [Ω] of a passive (0T1R) read-out; required with `transistor: false`. */
  sourceResistance?: number;
  /** Line resistance per cell segment [Ω] of a passive read-out; required with `transistor: false`. */
  lineResistance?: number;
  /** Physical tile shape [rows, cols]; partial sums per tile (each with its own ADC) are added digitally. @default untiled */
  tileShape?: [number, number];
  /**
   * Largest word-line voltage [V]; inputs are scaled into ±maxInputVoltage and the scale is undone on the outputs
   * (MemTorch never undoes it). @default inputs applied as voltages unchanged
   */
  maxInputVoltage?: number;
  /**
   * Scale granularity of the input encoding: one scale per layer call (`'batch'`: MemTorch's Linear and Conv1d; the
   * result then depends on the rest of the batch), per sample (`'sample'`: per image of a convolution, over that
   * image's patches — MemTorch's Conv2d/Conv3d — and per sample of a Dense input), or data-independent (`'fixed'`,
   * full scale = 1 input unit). `'sample'` and `'fixed'` make results independent of the batch. @default 'batch'
   */
  inputEncoding?: ScalePer;
  /**
   * Range of an untiled ADC (modes 'ideal', 'passive', and 'nonlinear' without tiles; a tiled ADC is per tile and
   * input row anyway): one per layer call (`'batch'`) or one per sample (`'sample'`). @default MemTorch's rule per
   * layer kind: `'sample'` (per image) for convolutions, `'batch'` (whole call, so batch-dependent) for Dense and RNN
   * layers; set `'sample'` for batch-independent results (recommended for studies)
   */
  adcRange?: AdcRange;
  /** DAC on the word-line voltages (`bits`, symmetric `range` [V]). @default none */
  dac?: DacConfig;
  /** ADC on the bit-line outputs (`bits`, `overflowRate`, `method`): per tile and input row when tiled. @default none */
  adc?: AdcConfig;
  /** Force an MVM mode. @default implied: 'passive' without transistor, 'tiled' with tileShape, else 'ideal' */
  mode?: MvmMode;
  /** Start devices in a random state before writing (MemTorch's `random_crossbar_init`). @default false */
  randomInitialState?: boolean;
  /** Seed of every random choice (stochastic parameters, random initial state, tuning inputs). @default 0 */
  seed?: number;
  /** Generator instead of `seed` (its stream is consumed). */
  rng?: Rng;
  /** Progress while programming: true logs to the console, a function receives each message. @default false */
  verbose?: boolean | ((message: string) => void);
  /** A custom crossbar simulator instead of `@memsim/crossbar` (the chip then cannot be saved). */
  engine?: EngineFactory;
  /**
   * Read noise drawn afresh on every forward (modes 'ideal' and 'tiled'), e.g. `{ model: 'pcm' }` or
   * `{ model: 'gaussian', relative: 0.02 }`; each crossbar set draws from its own generator seeded by `seed`, saved
   * with the chip. See `@memsim/nonideality` `ReadNoiseConfig`. @default none
   */
  readNoise?: ReadNoiseConfig;
  /**
   * Threads of the crossbar products (modes 'ideal', 'tiled' and 'passive'; bit-identical results for any value). Change it
   * later with `setReadout({ threads })`; not saved with the chip. @default the available cores
   */
  threads?: number;
}

/**
 * Defaults of the flat {@link PatchOptions} (the configs' defaults are `DEFAULT_DEVICE_CONFIG`,
 * `DEFAULT_MAPPING_CONFIG`, `DEFAULT_PROGRAMMING_CONFIG` and `DEFAULT_READOUT_CONFIG`, equal to these).
 *
 * @example
 * DEFAULT_PATCH_OPTIONS.scheme; // → 'double-column'
 */
export const DEFAULT_PATCH_OPTIONS = Object.freeze({
  scheme: 'double-column' as Scheme,
  mapping: 'naive' as const,
  rowOrder: 'channels-first' as RowOrder,
  transistor: true,
  inputEncoding: 'batch' as ScalePer,
  randomInitialState: false,
  seed: 0,
  verbose: false,
});

/**
 * Keys of the flat {@link PatchOptions} (from its typed schema).
 *
 * @deprecated the flat form goes with the next minor release; see `PatchConfig`.
 * @example
 * PATCH_OPTION_KEYS.includes('tileShape'); // → true (patchModel rejects any key not listed)
 */
export const PATCH_OPTION_KEYS: readonly string[] = Object.freeze(Object.keys(FLAT_PATCH_SCHEMA));
