import { InvalidParameterError } from '@memsim/core';
import type { CrossbarLike } from '@memsim/crossbar';

export type { CrossbarLike, DeviceLookup } from '@memsim/crossbar';

/**
 * Checks that `value` has the members of {@link CrossbarLike}.
 *
 * @throws {InvalidParameterError} naming the first missing or malformed member.
 */
export function checkCrossbar(where: string, parameter: string, value: unknown): CrossbarLike {
  const x = value as Partial<CrossbarLike> | null;
  const fail = (member: string, expected: string): never => {
    throw new InvalidParameterError({
      where,
      parameter: member === '' ? parameter : `${parameter}.${member}`,
      value: member === '' ? value : (x as Record<string, unknown>)[member],
      expected,
    });
  };
  if (typeof x !== 'object' || x === null) return fail('', 'a Crossbar (from @memsim/crossbar)');
  if (!(Number.isInteger(x.rows) && (x.rows as number) > 0)) fail('rows', 'a positive integer');
  if (!(Number.isInteger(x.cols) && (x.cols as number) > 0)) fail('cols', 'a positive integer');
  const pop = x.population;
  if (typeof pop !== 'object' || pop === null || typeof pop.model !== 'object' || !(pop.state instanceof Float64Array))
    fail('population', 'a DevicePopulation (from @memsim/devices)');
  if (!(x.conductance instanceof Float64Array) || x.conductance.length !== (x.rows as number) * (x.cols as number))
    fail('conductance', `a Float64Array of rows × cols = ${(x.rows as number) * (x.cols as number)} values`);
  if (x.stuck !== null && !(x.stuck instanceof Uint8Array && x.stuck.length === x.conductance!.length))
    fail('stuck', 'null or a Uint8Array with one entry per cell');
  if (typeof x.update !== 'function') fail('update', 'a method update({ fromDevices })');
  if (typeof x.deviceIndex !== 'function') fail('deviceIndex', 'a method deviceIndex(row, col)');
  for (const method of ['cellSlots', 'markStuck', 'setLookup'] as const)
    if (typeof x[method] !== 'function') fail(method, `a method ${method} (a Crossbar of @memsim/crossbar)`);
  if (!(pop!.size >= x.conductance!.length)) fail('population', `a population with at least rows × cols devices`);
  return x as CrossbarLike;
}
