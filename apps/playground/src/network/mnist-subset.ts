/** The 1 000 embedded MNIST test images (first 1 000 of the test split), pixels scaled to [0, 1]. */
export interface MnistSubset {
  count: number;
  /** count × 28 × 28 × 1, in [0, 1] */
  x: Float32Array;
  /** labels 0–9 */
  y: Int32Array;
}

/** Decodes `src/data/mnist-test-1000.bin` (784 uint8 pixels per image, then one uint8 label per image). */
export function decodeMnistSubset(bytes: Uint8Array): MnistSubset {
  const count = bytes.length / 785;
  if (!Number.isInteger(count)) throw new Error(`MNIST subset has ${bytes.length} bytes, not a multiple of 785`);
  const x = new Float32Array(count * 784);
  for (let i = 0; i < x.length; i++) x[i] = bytes[i]! / 255;
  const y = new Int32Array(count);
  for (let i = 0; i < count; i++) y[i] = bytes[count * 784 + i]!;
  return { count, x, y };
}
