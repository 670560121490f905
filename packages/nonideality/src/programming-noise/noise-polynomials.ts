// MODULES //

import { InvalidParameterError } from '@memsim/core';

// MAIN //

/**
 * Programming-noise polynomial of IBM aihwkit's `PCMLikeNoiseModel` (src/aihwkit/inference/noise/pcm.py,
 * `prog_coeff = [0.26348, 1.9650, -1.1731]` in µS for g_max = 25 µS, fitted by Nandakumar et al., ICECS 2019,
 * doi:10.1109/ICECS46596.2019.8964852): σ_prog = Σ c_i·(g/g_max)^i, scaled by g_max/25 µS. memsim stores it
 * relative to g_max (dimensionless, the µS values divided by 25), so σ_prog [S] = g_max·Σ c_i·x^i with x = g/g_max.
 * @example
 * PCM_PROGRAMMING_POLYNOMIAL; // → [0.0105392, 0.0786, -0.046924]: σ(g/g_max) = c0 + c1·x + c2·x²
 */
export const PCM_PROGRAMMING_POLYNOMIAL: readonly number[] = Object.freeze([0.26348 / 25, 1.965 / 25, -1.1731 / 25]);

/**
 * Conductance-deviation polynomials of IBM aihwkit's `ReRamWan2022NoiseModel` (src/aihwkit/inference/noise/reram.py,
 * 4th-order fits in µS for g_max = 40 µS to the data of Wan et al., Nature 608, 504 (2022),
 * doi:10.1038/s41586-022-04992-8), at 1 s (the programming noise), 1 day and 2 days after programming; relative to
 * g_max as {@link PCM_PROGRAMMING_POLYNOMIAL} (µS values divided by 40, ascending powers). aihwkit scales by
 * g_max/g_max and not by g_max/40 µS when the default coefficients are used (it sets `prog_coeff_g_max_reference`
 * but reads `coeff_g_max_reference`); memsim applies the 40 µS reference the fit was made for.
 * @example
 * RERAM_WAN2022_POLYNOMIALS[86400]!.length; // → 5 coefficients, one day after programming
 */
export const RERAM_WAN2022_POLYNOMIALS: Readonly<Record<'1' | '86400' | '172800', readonly number[]>> = Object.freeze({
  '1': Object.freeze([0.348, 16.03, -43.853, 45.393, -16.815].map((c) => c / 40)),
  '86400': Object.freeze([0.701, 22.086, -50.773, 47.095, -16.458].map((c) => c / 40)),
  '172800': Object.freeze([0.782, 20.274, -43.507, 37.062, -11.934].map((c) => c / 40)),
});

/**
 * Times [s] with a {@link RERAM_WAN2022_POLYNOMIALS} fit.
 *
 * @example
 * RERAM_WAN2022_TIMES; // → [1, 86400, 172800] [s]
 */
export const RERAM_WAN2022_TIMES: readonly number[] = Object.freeze([1, 86400, 172800]);

/** Checks user polynomial coefficients (finite numbers, at least one). */
export function checkCoefficients(where: string, value: unknown): readonly number[] {
  if (!Array.isArray(value) || value.length === 0 || value.some((c) => typeof c !== 'number' || !Number.isFinite(c)))
    throw new InvalidParameterError({
      where,
      parameter: 'coefficients',
      value,
      expected: 'a non-empty array of finite numbers c_i of σ/g_max = Σ c_i·(g/g_max)^i',
    });
  return Object.freeze(value.slice());
}
