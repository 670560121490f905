/**
 * A durable, serialisable description of a digital-to-analogue converter driving the word lines: a uniform,
 * symmetric, saturating quantiser of the input (MemTorch has none).
 *
 * @example
 * const voltages = new Float64Array([0.12, -0.31, 0.05]); // [V]
 * const dac: DacConfig = { bits: 6, range: 0.3 };
 * quantizeInput(voltages, dac); // 63 levels from −0.3 V to 0.3 V, 0 V included
 */
export interface DacConfig {
  /** Resolution [bit]: an integer in [2, 53] (codes −(2^(bits−1) − 1) … 2^(bits−1) − 1, zero included). */
  bits: number;
  /**
   * Symmetric full scale [V] (or the unit of the input): inputs are clamped to [−range, range]. A number in (0, 2^960].
   * Caution: values beyond ±range saturate silently; that is the point of a DAC, not an error.
   */
  range: number;
}
