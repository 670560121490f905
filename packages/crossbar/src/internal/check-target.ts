import { InvalidParameterError, ShapeMismatchError } from '@memsim/core';
import { Crossbar } from '../crossbar/crossbar';
import type { MappedCrossbars } from '../crossbar/mapped-crossbars';

/**
 * Checks a {@link MappedCrossbars}: scheme, crossbar count and shapes, gain, reference conductance.
 *
 * @throws {InvalidParameterError} or {ShapeMismatchError} naming the faulty field.
 */
export function checkTarget(where: string, target: unknown): MappedCrossbars {
  const t = target as MappedCrossbars;
  if (typeof t !== 'object' || t === null || !Array.isArray(t.crossbars))
    throw new InvalidParameterError({
      where,
      parameter: 'target',
      value: target,
      expected: 'MappedCrossbars from initCrossbars()',
    });
  if (t.scheme !== 'double-column' && t.scheme !== 'single-column')
    throw new InvalidParameterError({
      where,
      parameter: 'target.scheme',
      value: t.scheme,
      expected: "one of 'single-column', 'double-column'",
    });
  const count = t.scheme === 'double-column' ? 2 : 1;
  if (t.crossbars.length !== count)
    throw new ShapeMismatchError({
      where,
      parameter: 'target.crossbars',
      expectedShape: [count],
      actualShape: [t.crossbars.length],
      detail: `(${t.scheme} uses ${count} crossbar${count > 1 ? 's' : ''})`,
    });
  t.crossbars.forEach((c, i) => {
    if (!Crossbar.isCrossbar(c))
      throw new InvalidParameterError({ where, parameter: `target.crossbars[${i}]`, value: c, expected: 'a Crossbar' });
    if (c.rows !== t.rows || c.cols !== t.cols)
      throw new ShapeMismatchError({
        where,
        parameter: `target.crossbars[${i}]`,
        expectedShape: [t.rows, t.cols],
        actualShape: [c.rows, c.cols],
      });
  });
  if (!(t.gain instanceof Float64Array) || t.gain.length !== t.cols)
    throw new ShapeMismatchError({
      where,
      parameter: 'target.gain',
      expectedShape: [t.cols],
      actualShape: [t.gain?.length ?? -1],
    });
  for (let j = 0; j < t.cols; j++)
    if (!(Number.isFinite(t.gain[j]) && t.gain[j]! !== 0))
      throw new InvalidParameterError({
        where,
        parameter: `target.gain[${j}]`,
        value: t.gain[j],
        expected: 'a finite, non-zero number [S per weight unit]',
      });
  if (count === 1 && !(typeof t.referenceConductance === 'number' && Number.isFinite(t.referenceConductance)))
    throw new InvalidParameterError({
      where,
      parameter: 'target.referenceConductance',
      value: t.referenceConductance,
      expected: 'a finite conductance [S] (single-column needs g_m)',
    });
  return t;
}

/**
 * Checks a crossbar's lookup table (strictly ascending voltages, at least 2, finite currents, devices × samples).
 *
 * @throws {InvalidParameterError} or {ShapeMismatchError}.
 */
export function checkLookup(where: string, xbar: Crossbar, index: number): void {
  const l = xbar.lookup;
  if (l === null) return;
  const p = `target.crossbars[${index}].lookup`;
  if (typeof l !== 'object' || !(l.voltages instanceof Float64Array) || !(l.currents instanceof Float64Array))
    throw new InvalidParameterError({
      where,
      parameter: p,
      value: l,
      expected: 'a DeviceLookup { voltages: Float64Array, currents: Float64Array }',
    });
  const n = l.voltages.length;
  if (n < 2)
    throw new InvalidParameterError({
      where,
      parameter: `${p}.voltages`,
      value: l.voltages,
      expected: 'at least 2 sample voltages',
    });
  for (let s = 0; s < n; s++) {
    const v = l.voltages[s]!;
    if (!Number.isFinite(v) || (s > 0 && !(v > l.voltages[s - 1]!)))
      throw new InvalidParameterError({
        where,
        parameter: `${p}.voltages[${s}]`,
        value: v,
        expected: 'finite and strictly ascending [V]',
      });
  }
  if (l.currents.length !== xbar.size * n)
    throw new ShapeMismatchError({
      where,
      parameter: `${p}.currents`,
      expectedShape: [xbar.size, n],
      actualShape: [l.currents.length],
      detail: '(devices × samples)',
    });
  for (let i = 0; i < l.currents.length; i++)
    if (!Number.isFinite(l.currents[i]))
      throw new InvalidParameterError({
        where,
        parameter: `${p}.currents[${i}]`,
        value: l.currents[i],
        expected: 'a finite current [A]',
      });
}
