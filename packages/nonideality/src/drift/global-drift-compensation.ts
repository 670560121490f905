// MODULES //

import { InvalidParameterError, type OptionsSchema, option, resolveOptions, rule } from '@memsim/core';
import { mvm } from '@memsim/crossbar';
import type { MappedCrossbars } from '@memsim/crossbar';
import { currentDriftState } from './drift-state';

// TYPES //

/**
 * Options of {@link globalDriftCompensation}.
 *
 * @example
 * import { initCrossbars, mvm } from '@memsim/crossbar';
 * import { VTEAM } from '@memsim/devices';
 * const mapped = initCrossbars({ rows: 64, cols: 8, data: new Float64Array(512).fill(0.25) }, { model: VTEAM });
 * applyNonidealities(mapped, [{ kind: 'pcmDrift', time: 86400, seed: 1 }]);
 * const options: GlobalDriftCompensationOptions = { read: (x, batch) => mvm(x, batch, mapped, { mode: 'ideal' }), chunk: 256 }; // the defaults
 * globalDriftCompensation(mapped, options).factor; // → 1.4903: a day of drift lowered the outputs by a third
 */
export interface GlobalDriftCompensationOptions {
  /**
   * How the set is read now: input rows (`batch × rows`, in input units) → outputs in weight units. Pass the
   * read-out actually used (e.g. a layer's crossbar engine, with its ADC and read noise), as aihwkit reads through
   * the tile's periphery. @default an ideal `mvm`
   */
  read?: (input: Float32Array, batch: number) => Float32Array;
  /** Reference inputs per read call (the identity is read in chunks of this many rows). @default 256 */
  chunk?: number;
}

/**
 * What {@link globalDriftCompensation} measured.
 *
 * @example
 * import { initCrossbars } from '@memsim/crossbar';
 * import { VTEAM } from '@memsim/devices';
 * const mapped = initCrossbars({ rows: 64, cols: 8, data: new Float64Array(512).fill(0.25) }, { model: VTEAM });
 * applyNonidealities(mapped, [{ kind: 'pcmDrift', time: 86400, seed: 1 }]);
 * const result: GlobalDriftCompensationResult = globalDriftCompensation(mapped);
 * [result.reference, result.readout, result.factor]; // → [0.25, 0.16775, 1.4903] (factor = reference / readout)
 */
export interface GlobalDriftCompensationResult {
  /** Mean |output| of the reference read right after programming (exact: from the programmed conductances). */
  reference: number;
  /** Mean |output| of the same read now. */
  readout: number;
  /** The output rescale α = reference / readout to multiply the set's outputs by. */
  factor: number;
}

// VARIABLES //

type ReadFunction = NonNullable<GlobalDriftCompensationOptions['read']>;

const SCHEMA = {
  read: option.optional<ReadFunction>((where, parameter, value) => {
    if (typeof value !== 'function')
      throw new InvalidParameterError({
        where,
        parameter,
        value,
        expected: 'a function (input, batch) => outputs in weight units',
      });
    return value as ReadFunction;
  }),
  chunk: option.withDefault(rule.positiveInteger, 256),
} satisfies OptionsSchema<GlobalDriftCompensationOptions>;

// MAIN //

/**
 * Global drift compensation of one crossbar set, as aihwkit's `GlobalDriftCompensationWithExactReference`
 * (src/aihwkit/inference/compensation/drift.py): read the identity (one-hot inputs, aihwkit `eye(in_size)`) now,
 * take the mean |output| (clamped at 1e-4 of the reference), and compare with the same read of the conductances as
 * programmed (the drift clock's `programmed`, else the present ones). Multiply the set's outputs by `factor` to undo
 * the mean drift. Does not change the crossbars.
 *
 * @throws {InvalidParameterError} when an option is unknown, `read` is not a function or `chunk` is not a positive
 *   integer.
 * @example
 * import { createRng } from '@memsim/core';
 * import { initCrossbars, mvm } from '@memsim/crossbar';
 * import { VTEAM } from '@memsim/devices';
 * const rng = createRng(1);
 * const mapped = initCrossbars({ rows: 64, cols: 8, data: new Float64Array(512).fill(0.25) }, { model: VTEAM });
 * const batch = 2;
 * const x = new Float32Array(batch * 64).fill(0.5); // two inputs of 64 values
 * const { factor } = globalDriftCompensation(mapped); // after pcmDrift(..., { time: 86400 })
 */
export function globalDriftCompensation(
  target: MappedCrossbars,
  options: GlobalDriftCompensationOptions = {},
): GlobalDriftCompensationResult {
  const where = 'globalDriftCompensation';
  // O(1) shape check of the mapped crossbars (mvm checks the rest on the first read).
  const t = target as Partial<MappedCrossbars> | null;
  if (
    typeof t !== 'object' ||
    t === null ||
    !Array.isArray(t.crossbars) ||
    typeof t.rows !== 'number' ||
    typeof t.cols !== 'number' ||
    !(t.gain instanceof Float64Array)
  )
    throw new InvalidParameterError({
      where,
      parameter: 'target',
      value: target,
      expected: 'mapped crossbars from initCrossbars() of @memsim/crossbar',
    });
  const o = resolveOptions(where, options, SCHEMA);
  const chunk = o.chunk;
  const read = o.read ?? ((input: Float32Array, batch: number) => mvm(input, batch, target, { mode: 'ideal' }));
  const { rows, cols, gain } = target;
  // Reference: the ideal identity read of the programmed conductances = the programmed effective matrix / gain.
  const programmed = target.crossbars.map((x) => currentDriftState(x)?.programmed ?? x.conductance);
  let reference = 0;
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++) {
      const cell = i * cols + j;
      const geff =
        target.scheme === 'double-column'
          ? programmed[0]![cell]! - programmed[1]![cell]!
          : programmed[0]![cell]! - target.referenceConductance!;
      reference += Math.abs(geff / gain[j]!);
    }
  reference /= rows * cols;
  let readout = 0;
  for (let r0 = 0; r0 < rows; r0 += chunk) {
    const batch = Math.min(chunk, rows - r0);
    const input = new Float32Array(batch * rows);
    for (let b = 0; b < batch; b++) input[b * rows + r0 + b] = 1;
    const y = read(input, batch);
    for (let x = 0; x < batch * cols; x++) readout += Math.abs(y[x]!);
  }
  readout /= rows * cols;
  const floor = 1e-4 * reference;
  const factor = reference === 0 ? 1 : reference / Math.max(readout, floor);
  return { reference, readout, factor };
}
