/**
 * Order of a convolution's crossbar rows (the flattened kernel window):
 * - `'channels-first'`: (c, kd, kh, kw), c slowest — MemTorch's order (PyTorch's weight `[out, in, kh, kw]` flattened);
 * - `'channels-last'`: (kd, kh, kw, c), c fastest — tfjs's kernel layout `[kh, kw, in, out]` flattened.
 *
 * Untiled, both give the same product (a row permutation of the same matrix). With tiles they do not: each tile
 * holds different rows, so per-tile ADC ranges (and passive wire drops) differ.
 *
 * @example
 * const k = Float32Array.from({ length: 3 * 3 * 2 * 4 }, (_, i) => i); // a 3×3 kernel, 2 → 4 channels (HWIO)
 * const rowOrder: RowOrder = 'channels-last'; // rows (kh, kw, c): tfjs's layout as is
 * flattenConvKernel(k, [3, 3, 2, 4], { rowOrder })[0].data.slice(4, 8); // → [4, 5, 6, 7] (channels-first: [8, 9, 10, 11])
 */
export type RowOrder = 'channels-first' | 'channels-last';

/**
 * Runtime list of {@link RowOrder}.
 *
 * @example
 * ROW_ORDERS; // → ['channels-first', 'channels-last']: how a conv kernel's rows are laid on the crossbar
 */
export const ROW_ORDERS: readonly RowOrder[] = Object.freeze(['channels-first', 'channels-last']);

/**
 * The row order used when none is given (MemTorch's).
 *
 * @example
 * DEFAULT_ROW_ORDER; // → 'channels-first' (MemTorch's order)
 */
export const DEFAULT_ROW_ORDER: RowOrder = 'channels-first';
