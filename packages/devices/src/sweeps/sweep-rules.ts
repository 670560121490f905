import { option, rule } from '@memsim/core';

/**
 * The rules of the sweeps' options, each written once (hysteresis loop and bipolar switching share them). All may
 * stay absent: the device model's MemTorch defaults (and the device's `timeSeriesResolution` for `dt`) fill them in.
 */
export const SWEEP_RULES = Object.freeze({
  /** Sweep amplitude [V], ≥ 0. */
  amplitude: option.optional(rule.nonNegative),
  /** Sweep frequency [Hz], > 0. */
  frequency: option.optional(rule.positive),
  /** Sweep duration [s], > 0. */
  duration: option.optional(rule.positive),
  /** Sample spacing [s], > 0. */
  dt: option.optional(rule.positive),
});
