import { option, rule } from '@memsim/core';
import type { OptionsSchema } from '@memsim/core';
import { INITIAL_STATES } from '@memsim/crossbar';
import type { InitialState } from '@memsim/crossbar';
import { checkDeviceModel } from '@memsim/devices';
import type { DeviceModel } from '@memsim/devices';

/**
 * The devices of every cell (`patchModel`'s `device` config): passed as they are to `@memsim/crossbar`'s
 * `initCrossbars` (same names: `model`, `params`, `initialState`).
 *
 * @example
 * import { VTEAM, normal } from '@memsim/devices';
 * const device: DeviceConfig = { model: VTEAM, params: { rOn: normal({ mean: 100, std: 5 }) }, initialState: 'hrs' };
 */
export interface DeviceConfig {
  /** Device model of every cell, e.g. `VTEAM` from `@memsim/devices`. */
  model: DeviceModel<any>;
  /**
   * Device parameters [SI]; numeric ones may be StochasticParameters (sampled per device from the patch `seed`).
   * Checked by the model's `validate`. @default the model's defaults
   */
  params?: Record<string, unknown>;
  /** Device state before programming: `'hrs'`, or `'random'` (MemTorch's `random_crossbar_init`). @default 'hrs' */
  initialState?: InitialState;
}

/**
 * Defaults of {@link DeviceConfig}.
 *
 * @example
 * DEFAULT_DEVICE_CONFIG.initialState; // → 'hrs'
 */
export const DEFAULT_DEVICE_CONFIG = Object.freeze({ initialState: 'hrs' as InitialState });

/** The rules of {@link DeviceConfig} (device parameters are the model's own to check). */
export const DEVICE_CONFIG_SCHEMA = {
  model: option.required(checkDeviceModel),
  params: option.optional(rule.any<Record<string, unknown>>()),
  initialState: option.withDefault(rule.oneOf(INITIAL_STATES), DEFAULT_DEVICE_CONFIG.initialState),
} satisfies OptionsSchema<DeviceConfig>;
