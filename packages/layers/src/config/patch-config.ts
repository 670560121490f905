import type * as tf from '@tensorflow/tfjs';
import type { Rng } from '@memsim/core';
import type { EngineFactory } from '../patch/patch-options';
import type { SupportedLayerClass } from '../patch/supported-layers';
import type { DeviceConfig } from './device-config';
import type { MappingConfig } from './mapping-config';
import type { ProgrammingConfig } from './programming-config';
import type { ReadoutConfig } from './readout-config';

/**
 * Options of `patchModel`: one config per concern (aihwkit's `InferenceRPUConfig` pattern) — the devices, the
 * mapping, the programming and the read-out — plus what applies to the whole patch. Each config is checked once,
 * with its own rules; unknown keys are rejected naming the allowed ones. All physical values are SI.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs';
 * import { VTEAM } from '@memsim/devices';
 * const model = tf.sequential({ layers: [tf.layers.dense({ units: 4, inputShape: [8] })] });
 * const config: PatchConfig = {
 *   device: { model: VTEAM },
 *   mapping: { routine: 'per-column', tileShape: [128, 128] },
 *   readout: { adc: { bits: 8 }, maxInputVoltage: 0.3 },
 * };
 * const patched = await patchModel(model, config);
 * patched.predict(tf.ones([2, 8]));
 */
export interface PatchConfig {
  /** The devices of every cell. Required unless `engine` is given. */
  device?: DeviceConfig;
  /** Weight → conductance mapping, tiles and conv row order. @default see `DEFAULT_MAPPING_CONFIG` */
  mapping?: MappingConfig;
  /** 1T1R direct set, or 0T1R pulse programming and its options. @default 1T1R */
  programming?: ProgrammingConfig;
  /** How the crossbars are read (mode, ADC, DAC, encoding, passive circuit, read noise). @default an ideal read */
  readout?: ReadoutConfig;
  /**
   * Layers to make memristive: tfjs class names, or a predicate on each layer.
   * @default every supported class ('Dense', 'Conv1D', 'Conv2D', 'Conv3D', 'DepthwiseConv2D', 'SimpleRNN', 'LSTM', 'GRU')
   */
  layers?: readonly SupportedLayerClass[] | ((layer: tf.layers.Layer) => boolean);
  /** Seed of every random choice (stochastic parameters, random initial state, tuning inputs, read noise). @default 0 */
  seed?: number;
  /** Generator instead of `seed` for the chip's random choices (its stream is consumed). */
  rng?: Rng;
  /** Progress while programming: true logs to the console, a function receives each message. @default false */
  verbose?: boolean | ((message: string) => void);
  /** A custom crossbar simulator instead of `@memsim/crossbar` (the chip then cannot be saved). */
  engine?: EngineFactory;
  /**
   * Threads of the crossbar products (modes 'ideal', 'tiled' and 'passive'; bit-identical results for any value).
   * Change it later with `setReadout({ threads })`; not saved with the chip. @default the available cores
   */
  threads?: number;
}
