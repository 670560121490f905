import { checkTileShape, option, rule } from '@memsim/core';
import type { OptionsSchema } from '@memsim/core';
import { SCHEMES } from '@memsim/mapping';
import type { MappingRoutine, Scheme } from '@memsim/mapping';

import { DEFAULT_ROW_ORDER, ROW_ORDERS } from '../unfold/row-order';
import type { RowOrder } from '../unfold/row-order';

/**
 * How weights become conductances and where they sit (`patchModel`'s `mapping` config; aihwkit's `MappingParameter`):
 * `scheme`, `routine`, `levels` and `pL` as `@memsim/mapping`'s `mapWeights` takes them, the physical tiles and the row
 * order of convolution kernels.
 *
 * @example
 * const mapping: MappingConfig = { scheme: 'double-column', routine: 'per-column', tileShape: [128, 128] };
 */
export interface MappingConfig {
  /** How signed weights are stored: G⁺/G⁻ on two crossbars, or G around a reference. @default 'double-column' */
  scheme?: Scheme;
  /** Weight → conductance mapping routine (`mapWeights`' `routine`). @default 'naive' */
  routine?: 'naive' | 'per-column' | 'levels' | MappingRoutine;
  /** Conductance levels of the `'levels'` routine (integer ≥ 2; checked by `mapWeights`). */
  levels?: number;
  /** Percentile that sets w_max, in [0, 1] (MemTorch's `p_l`; checked by `mapWeights`). @default max |w| */
  pL?: number;
  /**
   * Physical tile shape [rows, cols] of every crossbar. Partial sums per tile are added digitally; the read-out's ADC
   * partition defaults to it (and mode 'tiled' is implied). @default untiled
   */
  tileShape?: [number, number];
  /**
   * Crossbar row order of convolution kernels: (c, kd, kh, kw) (`'channels-first'`, MemTorch's) or (kd, kh, kw, c)
   * (`'channels-last'`, tfjs's kernel layout). With tiles, each tile holds different rows, so per-tile ADC (and
   * passive) results differ. Saved with the chip. @default 'channels-first'
   */
  rowOrder?: RowOrder;
}

/**
 * Defaults of {@link MappingConfig}.
 *
 * @example
 * DEFAULT_MAPPING_CONFIG.routine; // → 'naive'
 */
export const DEFAULT_MAPPING_CONFIG = Object.freeze({
  scheme: 'double-column' as Scheme,
  routine: 'naive' as const,
  rowOrder: DEFAULT_ROW_ORDER,
});

/** The rules of {@link MappingConfig} (the routine, `levels` and `pL` are checked by `mapWeights`, their owner). */
export const MAPPING_CONFIG_SCHEMA = {
  scheme: option.withDefault(rule.oneOf(SCHEMES), DEFAULT_MAPPING_CONFIG.scheme),
  routine: option.withDefault(
    rule.any<NonNullable<MappingConfig['routine']>>(),
    DEFAULT_MAPPING_CONFIG.routine as NonNullable<MappingConfig['routine']>,
  ),
  levels: option.optional(rule.any<number>()),
  pL: option.optional(rule.any<number>()),
  tileShape: option.optional(checkTileShape),
  rowOrder: option.withDefault(rule.oneOf(ROW_ORDERS), DEFAULT_MAPPING_CONFIG.rowOrder),
} satisfies OptionsSchema<MappingConfig>;
