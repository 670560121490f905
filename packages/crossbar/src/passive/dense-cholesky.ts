/**
 * Dense kernels of the port-Schur transfer build, on column-major Float64Array blocks (leading dimension = order),
 * lower triangle only. Kernels: assume valid input and do not check.
 */

/**
 * Left-looking partial Cholesky of a front of order `nf`: factors its first `ns` columns (L11, L21) and replaces the
 * trailing block with its Schur complement F22 − L21·L21ᵀ. Four earlier columns are applied per pass so each
 * entry of the column being updated is loaded and stored once per four multiply-adds.
 *
 * @returns −1, or the column (< ns) whose pivot is not positive
 */
export function denseCholeskyColumns(f: Float64Array, nf: number, ns: number): number {
  for (let j = 0; j < nf; j++) {
    const cj = j * nf;
    const kmax = Math.min(j, ns);
    let k = 0;
    for (; k + 4 <= kmax; k += 4) {
      const c0 = k * nf;
      const c1 = c0 + nf;
      const c2 = c1 + nf;
      const c3 = c2 + nf;
      const a0 = f[c0 + j]!;
      const a1 = f[c1 + j]!;
      const a2 = f[c2 + j]!;
      const a3 = f[c3 + j]!;
      if (a0 === 0 && a1 === 0 && a2 === 0 && a3 === 0) continue;
      for (let i = j; i < nf; i++) {
        let s = f[cj + i]!;
        s -= a0 * f[c0 + i]!;
        s -= a1 * f[c1 + i]!;
        s -= a2 * f[c2 + i]!;
        s -= a3 * f[c3 + i]!;
        f[cj + i] = s;
      }
    }
    for (; k < kmax; k++) {
      const ck = k * nf;
      const a = f[ck + j]!;
      if (a === 0) continue;
      for (let i = j; i < nf; i++) f[cj + i]! -= a * f[ck + i]!;
    }
    if (j < ns) {
      const d = f[cj + j]!;
      if (!(d > 0)) return j;
      const l = Math.sqrt(d);
      f[cj + j] = l;
      const inv = 1 / l;
      for (let i = j + 1; i < nf; i++) f[cj + i]! *= inv;
    }
  }
  return -1;
}

/**
 * (L·Lᵀ)⁻¹ for the lower-triangular factor L held in the first p×p entries of `l` (col-major): X = L⁻¹ column by
 * column, then the Gram matrix XᵀX (X lower, so entry (a, b) sums rows ≥ max(a, b)). Returns the lower triangle,
 * col-major: entry (a ≥ b) at b·p + a. Same operation order as asm/port-schur.ts (bit-identical results).
 */
export function lowerInverseGram(l: Float64Array, p: number): Float64Array {
  const x = new Float64Array(p * p);
  for (let c = 0; c < p; c++) {
    const xc = c * p;
    x[xc + c] = 1;
    for (let k = c; k < p; k++) {
      const ck = k * p;
      const v = x[xc + k]! / l[ck + k]!;
      x[xc + k] = v;
      if (v === 0) continue;
      for (let i = k + 1; i < p; i++) x[xc + i]! -= l[ck + i]! * v;
    }
  }
  const y = new Float64Array(p * p);
  for (let b = 0; b < p; b++) {
    const xb = b * p;
    for (let a = b; a < p; a++) {
      const xa = a * p;
      // Two running sums (even and odd offsets), as the two lanes of the SIMD kernel.
      let s0 = 0;
      let s1 = 0;
      let r = a;
      for (; r + 2 <= p; r += 2) {
        s0 += x[xa + r]! * x[xb + r]!;
        s1 += x[xa + r + 1]! * x[xb + r + 1]!;
      }
      let s = s0 + s1;
      if (r < p) s += x[xa + r]! * x[xb + r]!;
      y[xb + a] = s;
    }
  }
  return y;
}
