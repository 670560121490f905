import { InvalidParameterError, ShapeMismatchError } from '@memsim/core';
import { Crossbar } from '../array/crossbar';
import type { MappedCrossbars } from '../array/mapped-crossbars';

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
