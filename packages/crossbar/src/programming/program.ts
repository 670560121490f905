// MODULES //

import { InvalidParameterError } from '@memsim/core';
import { Crossbar } from '../array/crossbar';
import type { ProgramOptions, ProgramReport } from './program-options';

// MAIN //

/**
 * Programs a crossbar with voltage pulses (write-verify), vectorised over devices: every iteration reads all
 * conductances, then pulses each device not yet within `relTol` of its target. The pulse polarity comes from the
 * device model (`polarity`: the sign that raises conductance), the pulse width adapts per device (halved when the
 * error changes sign), and with `halfSelect` every pulse disturbs the other cells of its row and column with V/2.
 * Targets are first clamped into each device's own range (counted in `clamped`); stuck cells are never moved.
 * Stops when every device is within tolerance, after `maxIterations`, or for a device that stops moving; it never
 * hangs and never fails silently: the report lists the failed cells. Mutates the crossbar (increments `version`).
 *
 * @param crossbar - the crossbar to program.
 * @param target - target conductances [S], `rows × cols` row-major (not modified).
 * @param options - see {@link ProgramOptions}.
 * @returns iterations, final relative error per cell, failed cells, pulses applied.
 * @throws {InvalidParameterError} when `crossbar` is not a Crossbar, `target` holds NaN/Infinity or an option is out of range.
 * @throws {ShapeMismatchError} when `target` does not hold `rows × cols` values.
 * @example
 * import { LinearIonDrift } from '@memsim/devices';
 * const xbar = new Crossbar({ model: LinearIonDrift, rows: 4, cols: 4 });
 * const targets = new Float64Array(16).fill(2e-3); // [S]
 * const report = program(xbar, targets, { relTol: 0.01 });
 * report.converged; // → true
 */
export function program(
  crossbar: Crossbar,
  target: Float64Array | Float32Array | number[],
  options: ProgramOptions = {},
): ProgramReport {
  if (!Crossbar.isCrossbar(crossbar))
    throw new InvalidParameterError({
      where: 'program',
      parameter: 'crossbar',
      value: crossbar,
      expected: 'a Crossbar',
    });
  return crossbar.write(target, { transistor: false, programming: options }).programming!;
}
