/**
 * Prodromakis window (Prodromakis et al. 2011), the published formula: F(x) = j·(1 − ((x − 0.5)² + 0.75)^p).
 * Zero at x = 0 and x = 1 for every p; its maximum j·(1 − 0.75^p) is at x = 0.5.
 *
 * @param x - normalised state in [0, 1].
 * @param p - positive exponent [1].
 * @param j - scale [1].
 * @example
 * prodromakis(0, 1, 1); // → 0
 */
export function prodromakis(x: number, p: number, j: number): number {
  return j * (1 - ((x - 0.5) ** 2 + 0.75) ** p);
}

/**
 * MemTorch's mis-parenthesised Prodromakis window, j·(1 − (x − 0.5)² + 0.75)^p = j·(1.75 − (x − 0.5)²)^p
 * (§12.1 bug 2; never zero at the bounds). Kept for parity records only.
 *
 * @example
 * memtorchProdromakis(0.5, 1, 1); // → 1.75
 */
export function memtorchProdromakis(x: number, p: number, j: number): number {
  return j * (1 - (x - 0.5) ** 2 + 0.75) ** p;
}
