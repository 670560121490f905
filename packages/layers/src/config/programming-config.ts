import { option, rule } from '@memsim/core';
import type { OptionsSchema } from '@memsim/core';
import type { ProgramOptions } from '@memsim/crossbar';

/**
 * How the crossbars are written (`patchModel`'s `programming` config): 1T1R arrays set their conductances directly;
 * 0T1R arrays (`transistor: false`) are pulse-programmed with `@memsim/crossbar`'s `program`, whose options
 * (`ProgramOptions` of @memsim/crossbar: `relTol`, `maxIterations`, …) sit beside `transistor` and pass to it unchanged. A 0T1R
 * array is also read passively (mode 'passive' by default).
 *
 * @example
 * const programming: ProgrammingConfig = { transistor: false, relTol: 0.05, halfSelect: false };
 */
export interface ProgrammingConfig extends ProgramOptions {
  /** 1T1R (true: conductances set directly) or 0T1R passive arrays (false: pulse programming). @default true */
  transistor?: boolean;
}

/**
 * Defaults of {@link ProgrammingConfig} (the pulse defaults are `@memsim/crossbar`'s `DEFAULT_PROGRAM_OPTIONS`).
 *
 * @example
 * DEFAULT_PROGRAMMING_CONFIG.transistor; // → true (1T1R)
 */
export const DEFAULT_PROGRAMMING_CONFIG = Object.freeze({ transistor: true });

// The pulse options are checked by `program`, their owner; the typed schema still rejects a key ProgramOptions lacks.
const pulse = <K extends keyof ProgramOptions>() => option.optional(rule.any<NonNullable<ProgramOptions[K]>>());

/** The rules of {@link ProgrammingConfig}. */
export const PROGRAMMING_CONFIG_SCHEMA = {
  transistor: option.withDefault(rule.boolean, DEFAULT_PROGRAMMING_CONFIG.transistor),
  relTol: pulse<'relTol'>(),
  dt: pulse<'dt'>(),
  pulseDuration: pulse<'pulseDuration'>(),
  setVoltage: pulse<'setVoltage'>(),
  resetVoltage: pulse<'resetVoltage'>(),
  maxIterations: pulse<'maxIterations'>(),
  halfSelect: pulse<'halfSelect'>(),
  maxHalvings: pulse<'maxHalvings'>(),
  maxGrowth: pulse<'maxGrowth'>(),
  stallLimit: pulse<'stallLimit'>(),
} satisfies OptionsSchema<ProgrammingConfig>;
