/**
 * Packs a row-major matrix into panels of `width` lanes that are contiguous along k, zero-padding the last panel.
 *
 * - `byRows = true` (the A operand, `src` is rows×k with leading dimension `ld`): lanes are rows
 *   [start, end); panel p holds `dst[p·width·k + kk·width + r] = src[(start + p·width + r)·ld + kk]`.
 * - `byRows = false` (the B operand, `src` is k×cols with leading dimension `ld`): lanes are columns
 *   [start, end); panel p holds `dst[p·width·k + kk·width + c] = src[kk·ld + start + p·width + c]`.
 *
 * `dst` must hold at least ceil((end − start) / width)·width·k values. Kernel: no checks.
 */
export function packPanels(
  src: Float32Array,
  ld: number,
  start: number,
  end: number,
  k: number,
  width: number,
  byRows: boolean,
  dst: Float32Array,
  dstOffset = 0,
): void {
  const lanes = end - start;
  const panels = Math.ceil(lanes / width);
  for (let p = 0; p < panels; p++) {
    const base = dstOffset + p * width * k;
    const first = start + p * width;
    const w = Math.min(width, end - first);
    if (byRows) {
      for (let r = 0; r < w; r++) {
        const row = (first + r) * ld;
        for (let kk = 0; kk < k; kk++) dst[base + kk * width + r] = src[row + kk]!;
      }
    } else {
      for (let kk = 0; kk < k; kk++) {
        const row = kk * ld + first;
        const o = base + kk * width;
        for (let c = 0; c < w; c++) dst[o + c] = src[row + c]!;
      }
    }
    if (w < width) for (let kk = 0; kk < k; kk++) for (let r = w; r < width; r++) dst[base + kk * width + r] = 0;
  }
}
