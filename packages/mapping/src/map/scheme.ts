/**
 * How signed weights are stored on a crossbar.
 *
 * - `'double-column'`: two crossbars, G⁺ for the positive part and G⁻ for the negative part; the layer reads
 *   G⁺ − G⁻.
 * - `'single-column'`: one crossbar G; the layer reads G − g_m with the reference conductance
 *   g_m = (1/rOn + 1/rOff)/2 [S].
 * @example
 * const scheme: Scheme = 'double-column'; // G⁺ − G⁻ per weight; 'single-column' uses one device and a reference
 * naiveMap({ rows: 1, cols: 1, data: [0.5] }, { rOn: 100, rOff: 16000, scheme });
 */
export type Scheme = 'single-column' | 'double-column';

/**
 * Every {@link Scheme}, for validation and iteration.
 *
 * @example
 * SCHEMES.includes('double-column'); // → true
 */
export const SCHEMES: readonly Scheme[] = Object.freeze(['single-column', 'double-column'] as const);
