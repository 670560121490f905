import { checkTileShape, option, rule } from '@memsim/core';
import type { OptionsSchema } from '@memsim/core';
import { MVM_MODES } from '@memsim/crossbar';
import type { MvmMode } from '@memsim/crossbar';
import { SCALE_PERS } from '@memsim/mapping';
import type { ScalePer } from '@memsim/mapping';
import { checkReadNoiseConfig } from '@memsim/nonideality';
import type { ReadNoiseConfig } from '@memsim/nonideality';
import { checkAdcConfig, checkDacConfig } from '@memsim/quantize';
import type { AdcConfig, DacConfig } from '@memsim/quantize';

/**
 * Granularity of the data-dependent range of an untiled ADC (modes 'ideal', 'passive' and 'nonlinear' without tiles;
 * a tiled ADC is always per tile and input row): one range over the whole engine call (`'batch'`, MemTorch's Linear)
 * or one per sample (`'sample'`, MemTorch's convolutions: per image).
 *
 * @example
 * const adcRange: AdcRange = 'sample'; // one ADC full scale per sample ('batch': one for the whole call)
 * const readout: ReadoutConfig = { adc: { bits: 8 }, adcRange };
 */
export type AdcRange = 'batch' | 'sample';

/**
 * Runtime list of {@link AdcRange}.
 *
 * @example
 * ADC_RANGES; // → ['batch', 'sample']: the ADC's full scale from the whole batch or from each sample
 */
export const ADC_RANGES: readonly AdcRange[] = Object.freeze(['batch', 'sample']);

/**
 * How the crossbars are read (`patchModel`'s `readout` config, `MemristiveModel.setReadout`'s argument; aihwkit's
 * `IOParameters`): the MVM mode of `@memsim/crossbar` and its converters, the input encoding and the passive circuit.
 * Saved with the chip.
 *
 * @example
 * const readout: ReadoutConfig = { adc: { bits: 8 }, maxInputVoltage: 0.3, inputEncoding: 'sample', adcRange: 'sample' };
 */
export interface ReadoutConfig {
  /**
   * MVM mode of `@memsim/crossbar`. @default implied: 'passive' for 0T1R arrays (`programming.transistor: false`),
   * 'tiled' with a tile shape, else 'ideal'
   */
  mode?: MvmMode;
  /** ADC partition [rows, cols] of modes 'tiled' and 'nonlinear'. @default the crossbars' tiles (`mapping.tileShape`) */
  tileShape?: [number, number];
  /** ADC on the bit-line outputs (`bits`, `overflowRate`, `method`): per tile and input row when tiled. @default none */
  adc?: AdcConfig;
  /** DAC on the word-line voltages (`bits`, symmetric `range` [V]). @default none */
  dac?: DacConfig;
  /**
   * Largest word-line voltage [V]; inputs are scaled into ±maxInputVoltage and the scale is undone on the outputs
   * (MemTorch never undoes it). @default inputs applied as voltages unchanged
   */
  maxInputVoltage?: number;
  /**
   * Scale granularity of the input encoding (needs `maxInputVoltage`): one scale per layer call (`'batch'`: MemTorch's
   * Linear and Conv1d; the result then depends on the rest of the batch), per sample (`'sample'`: per image of a
   * convolution, per sample of a Dense input), or data-independent (`'fixed'`, full scale = 1 input unit). @default 'batch'
   */
  inputEncoding?: ScalePer;
  /**
   * Range of an untiled ADC (modes 'ideal', 'passive', and 'nonlinear' without tiles): one per layer call (`'batch'`)
   * or one per sample (`'sample'`). @default MemTorch's rule per layer kind: `'sample'` (per image) for
   * convolutions, `'batch'` for Dense and RNN layers; set `'sample'` for batch-independent results
   */
  adcRange?: AdcRange;
  /** Source (driver) resistance [Ω] of a passive read-out, ≥ 0 (0: an ideal source); required in mode 'passive'. */
  sourceResistance?: number;
  /** Line resistance per cell segment [Ω] of a passive read-out, ≥ 0 (0: ideal wires); required in mode 'passive'. */
  lineResistance?: number;
  /**
   * Read noise drawn afresh on every forward (modes 'ideal' and 'tiled'), e.g. `{ model: 'pcm' }` or
   * `{ model: 'gaussian', relative: 0.02 }`; each crossbar set draws from its own generator seeded by the patch
   * `seed`, saved with the chip. See `@memsim/nonideality` `ReadNoiseConfig`. @default none
   */
  readNoise?: ReadNoiseConfig;
}

/**
 * Defaults of {@link ReadoutConfig} (the mode and the ADC range depend on the chip and the layer kind).
 *
 * @example
 * DEFAULT_READOUT_CONFIG.inputEncoding; // → 'batch'
 */
export const DEFAULT_READOUT_CONFIG = Object.freeze({ inputEncoding: 'batch' as ScalePer });

// ADC and DAC configs are copied as given (a saved chip keeps what the user wrote), after the shared rules passed.
const adcRule = (where: string, parameter: string, value: unknown): AdcConfig => {
  checkAdcConfig(where, value, parameter);
  return { ...(value as AdcConfig) };
};
const dacRule = (where: string, parameter: string, value: unknown): DacConfig => {
  checkDacConfig(where, value, parameter);
  return { ...(value as DacConfig) };
};

/**
 * The rules of {@link ReadoutConfig}, each written once: the ADC/DAC rules of `@memsim/quantize`, the read-noise rule
 * of `@memsim/nonideality`, and resistances ≥ 0 as `mvm` takes them (0 = ideal source or wires).
 */
export const READOUT_CONFIG_SCHEMA = {
  mode: option.optional(rule.oneOf(MVM_MODES)),
  tileShape: option.optional(checkTileShape),
  adc: option.optional(adcRule),
  dac: option.optional(dacRule),
  maxInputVoltage: option.optional(rule.positive),
  inputEncoding: option.optional(rule.oneOf(SCALE_PERS)),
  adcRange: option.optional(rule.oneOf(ADC_RANGES)),
  sourceResistance: option.optional(rule.nonNegative),
  lineResistance: option.optional(rule.nonNegative),
  readNoise: option.optional((where, _parameter, value) => checkReadNoiseConfig(where, value)),
} satisfies OptionsSchema<ReadoutConfig>;
