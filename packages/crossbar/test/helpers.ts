import { fileURLToPath } from 'node:url';
import { flatTensor, loadGolden } from '@memsim/core/testing';

/** Reads a golden file of this package's test/golden folder. */
export function golden<T = any>(name: string): T {
  return loadGolden<T>(fileURLToPath(new URL(`./golden/${name}`, import.meta.url)));
}

/** Flattens a golden tensor to Float64Array. */
export function flat(tensor: unknown): Float64Array {
  return flatTensor(tensor).data;
}

/** Float64 reference product x (batch × rows) · W (rows × cols). */
export function matmul64(
  x: ArrayLike<number>,
  batch: number,
  W: ArrayLike<number>,
  rows: number,
  cols: number,
): Float64Array {
  const out = new Float64Array(batch * cols);
  for (let b = 0; b < batch; b++)
    for (let k = 0; k < rows; k++) {
      const xv = x[b * rows + k]!;
      for (let j = 0; j < cols; j++) out[b * cols + j] = out[b * cols + j]! + xv * W[k * cols + j]!;
    }
  return out;
}

/** Σ_k |x_bk|·|W_kj| per output: the scale of float32 rounding error in a dot product. */
export function absProduct(
  x: ArrayLike<number>,
  batch: number,
  W: ArrayLike<number>,
  rows: number,
  cols: number,
): Float64Array {
  const ax = Float64Array.from(x, Math.abs);
  const aw = Float64Array.from(W, Math.abs);
  return matmul64(ax, batch, aw, rows, cols);
}
