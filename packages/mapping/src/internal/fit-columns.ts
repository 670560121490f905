/** Per-column OLS sums of two rows × cols row-major matrices, computed in cache-friendly row-major passes. */
export interface ColumnFits {
  slope: Float64Array;
  intercept: Float64Array;
  r2: Float64Array;
  /** Index of the first column whose x is constant (no slope), or -1. */
  constantColumn: number;
}

/**
 * Fits y[:, j] ≈ slope[j]·x[:, j] + intercept[j] for every column j (centred sums, three row-major passes).
 * No checks: callers validate. R² follows sklearn (1 for an exact fit of constant y, else 0 when SS_tot = 0).
 */
export function fitColumns(x: ArrayLike<number>, y: ArrayLike<number>, rows: number, cols: number): ColumnFits {
  const mx = new Float64Array(cols);
  const my = new Float64Array(cols);
  for (let i = 0, p = 0; i < rows; i++)
    for (let j = 0; j < cols; j++, p++) {
      mx[j]! += x[p]!;
      my[j]! += y[p]!;
    }
  for (let j = 0; j < cols; j++) {
    mx[j]! /= rows;
    my[j]! /= rows;
  }
  const sxx = new Float64Array(cols);
  const sxy = new Float64Array(cols);
  const syy = new Float64Array(cols);
  for (let i = 0, p = 0; i < rows; i++)
    for (let j = 0; j < cols; j++, p++) {
      const dx = x[p]! - mx[j]!;
      const dy = y[p]! - my[j]!;
      sxx[j]! += dx * dx;
      sxy[j]! += dx * dy;
      syy[j]! += dy * dy;
    }
  const slope = new Float64Array(cols);
  const intercept = new Float64Array(cols);
  let constantColumn = -1;
  for (let j = 0; j < cols; j++) {
    if (!(sxx[j]! > 0)) {
      if (constantColumn < 0) constantColumn = j;
      continue;
    }
    slope[j] = sxy[j]! / sxx[j]!;
    intercept[j] = my[j]! - slope[j]! * mx[j]!;
  }
  const ssRes = new Float64Array(cols);
  for (let i = 0, p = 0; i < rows; i++)
    for (let j = 0; j < cols; j++, p++) {
      const r = y[p]! - (slope[j]! * x[p]! + intercept[j]!);
      ssRes[j]! += r * r;
    }
  const r2 = new Float64Array(cols);
  for (let j = 0; j < cols; j++) r2[j] = syy[j]! > 0 ? 1 - ssRes[j]! / syy[j]! : ssRes[j] === 0 ? 1 : 0;
  return { slope, intercept, r2, constantColumn };
}
