/**
 * Packs rows [start, end) of a row-major m×k matrix (leading dimension `ld`) into panels of `width` rows that are
 * contiguous along k, zero-padding the last panel: panel p holds
 * `dst[dstOffset + p·width·k + kk·width + r] = src[(start + p·width + r)·ld + kk]`. This is the A operand layout.
 *
 * `dst` must hold ceil((end − start) / width)·width·k values from `dstOffset`. Kernel: no checks.
 */
export function packRowPanels(
  src: Float32Array,
  ld: number,
  start: number,
  end: number,
  k: number,
  width: number,
  dst: Float32Array,
  dstOffset = 0,
): void {
  const panels = Math.ceil((end - start) / width);
  for (let p = 0; p < panels; p++) {
    const base = dstOffset + p * width * k;
    const first = start + p * width;
    const w = Math.min(width, end - first);
    for (let r = 0; r < w; r++) {
      const row = (first + r) * ld;
      for (let kk = 0; kk < k; kk++) dst[base + kk * width + r] = src[row + kk]!;
    }
    if (w < width) for (let kk = 0; kk < k; kk++) for (let r = w; r < width; r++) dst[base + kk * width + r] = 0;
  }
}

/**
 * Packs columns [start, end) of a row-major k×n matrix (leading dimension `ld`) into panels of `width` columns that
 * are contiguous along k, zero-padding the last panel: panel p holds
 * `dst[dstOffset + p·width·k + kk·width + c] = src[kk·ld + start + p·width + c]`. This is the B operand layout.
 *
 * `dst` must hold ceil((end − start) / width)·width·k values from `dstOffset`. Kernel: no checks.
 */
export function packColumnPanels(
  src: Float32Array,
  ld: number,
  start: number,
  end: number,
  k: number,
  width: number,
  dst: Float32Array,
  dstOffset = 0,
): void {
  const panels = Math.ceil((end - start) / width);
  for (let p = 0; p < panels; p++) {
    const base = dstOffset + p * width * k;
    const first = start + p * width;
    const w = Math.min(width, end - first);
    for (let kk = 0; kk < k; kk++) {
      const row = kk * ld + first;
      const o = base + kk * width;
      for (let c = 0; c < w; c++) dst[o + c] = src[row + c]!;
      for (let c = w; c < width; c++) dst[o + c] = 0;
    }
  }
}
