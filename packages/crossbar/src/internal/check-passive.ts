import { InvalidParameterError } from '@memsim/core';
import type { PassiveResistances } from '../mvm/passive-mode';
import { PASSIVE_OPTION_KEYS } from '../passive/passive-options';

/**
 * The resistances of a passive read-out from options whose values are already checked (finite, ≥ 0): both main ones
 * given, and a tile shape, if any, equal to the crossbars' own (each tile is a physical circuit).
 *
 * @throws {InvalidParameterError} naming `tileShape`, `sourceResistance` or `lineResistance`.
 */
export function checkPassive(
  where: string,
  options: Partial<PassiveResistances>,
  tileShape: readonly number[] | null | undefined,
  own: readonly [number, number] | undefined,
): PassiveResistances {
  if (tileShape != null && (own === undefined || own[0] !== tileShape[0] || own[1] !== tileShape[1]))
    throw new InvalidParameterError({
      where,
      parameter: 'tileShape',
      value: tileShape,
      expected: `omitted or equal to the crossbars' own tileShape (${own === undefined ? 'untiled' : `[${own.join(', ')}]`}) in passive mode: tiles are physical circuits`,
    });
  for (const key of ['sourceResistance', 'lineResistance'] as const)
    if (options[key] === undefined)
      throw new InvalidParameterError({
        where,
        parameter: key,
        value: undefined,
        expected: 'a finite resistance >= 0 [Ω] (required in passive mode)',
      });
  const r: PassiveResistances = {
    sourceResistance: options.sourceResistance!,
    lineResistance: options.lineResistance!,
  };
  for (const key of ['wordLineResistance', 'bitLineResistance', 'accessResistance'] as const)
    if (options[key] !== undefined) r[key] = options[key];
  return r;
}

/** Rejects a wire resistance outside mode 'passive'. @throws {InvalidParameterError} naming the option. */
export function rejectPassiveKeys(where: string, mode: string, options: Partial<PassiveResistances>): void {
  for (const key of PASSIVE_OPTION_KEYS)
    if (options[key] !== undefined)
      throw new InvalidParameterError({
        where,
        parameter: key,
        value: options[key],
        expected: `omitted in mode '${mode}' (wire resistances apply to mode 'passive' only)`,
      });
}
