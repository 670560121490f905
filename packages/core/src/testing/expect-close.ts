/** Tolerances of {@link expectClose}: |got − expected| ≤ atol + rtol·|expected| element-wise. */
export interface CloseOptions {
  /** Relative tolerance. @default 1e-9 */
  rtol?: number;
  /** Absolute tolerance. @default 0 */
  atol?: number;
  /** Printed in the failure message to say what was compared. */
  label?: string;
  /** How many offending indices to list. @default 5 */
  show?: number;
}

/**
 * Compares two numeric arrays element-wise and throws a readable report (index, expected, got, |diff|, tolerance)
 * when they differ by more than `atol + rtol·|expected|`. Non-finite values must match exactly (NaN matches NaN).
 */
export function expectClose(
  got: ArrayLike<number> | number,
  expected: ArrayLike<number> | number,
  options: CloseOptions = {},
): void {
  const { rtol = 1e-9, atol = 0, label = 'values', show = 5 } = options;
  const g = typeof got === 'number' ? [got] : got;
  const e = typeof expected === 'number' ? [expected] : expected;
  if (g.length !== e.length) throw new Error(`${label}: length ${g.length} but expected ${e.length}`);
  const bad: string[] = [];
  let count = 0;
  let worst = 0;
  for (let i = 0; i < e.length; i++) {
    const gi = g[i]!;
    const ei = e[i]!;
    let ok: boolean;
    if (!Number.isFinite(ei)) ok = Object.is(gi, ei) || (Number.isNaN(gi) && Number.isNaN(ei));
    else {
      const d = Math.abs(gi - ei);
      const tol = atol + rtol * Math.abs(ei);
      ok = d <= tol;
      if (!ok) worst = Math.max(worst, d / Math.max(tol, Number.MIN_VALUE));
    }
    if (!ok) {
      count++;
      if (bad.length < show)
        bad.push(`  [${i}] expected ${ei}, got ${gi}, |diff| ${Math.abs(gi - ei)}, tol ${atol + rtol * Math.abs(ei)}`);
    }
  }
  if (count > 0)
    throw new Error(
      `${label}: ${count} of ${e.length} entries outside tolerance (rtol ${rtol}, atol ${atol}; worst ${worst.toPrecision(3)}× tol)\n${bad.join('\n')}`,
    );
}

/** max |got − expected| over all entries. */
export function maxAbsDiff(got: ArrayLike<number>, expected: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < expected.length; i++) m = Math.max(m, Math.abs(got[i]! - expected[i]!));
  return m;
}
