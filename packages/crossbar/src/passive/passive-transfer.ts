// MODULES //

import type { PassiveCrossbarLike } from '../array/crossbar-like';
import { checkCrossbar, type PassiveCurrentsOptions, tileCircuits } from './passive-currents';
import type { PassiveCircuit } from './passive-circuit';
import { buildTransfer } from './passive-solve-kernel';

// MAIN //

/**
 * Builds a circuit's transfer matrix (kept by the solver, so later per-vector solves of it use T too) and, as the
 * solver does once it has T, drops a factor the circuit does not keep (these circuits never report cell voltages):
 * peak memory is then one factor plus the transfer matrices, not every tile's factor at once.
 */
function toTransfer(circuit: PassiveCircuit): void {
  circuit.usage.transfer ??= buildTransfer(circuit);
  if (!circuit.keepFactor) circuit.usage.factor = null;
}

/** Assembled transfer matrices, keyed on the (version-keyed, cached) circuits they were built from. */
const assembled = new WeakMap<PassiveCircuit[], Float64Array>();

/**
 * The word-line → bit-line transfer matrix T of a passive crossbar (rows × cols, row-major, [S]): for linear devices
 * the bit-line currents are exactly `I = V·T` (bit lines at 0 V), the same currents `passiveCurrents` returns for
 * any voltages V. Each tile's block comes from its cached factorisation with `cols` adjoint solves (one factorisation,
 * all right-hand sides at once); tiles are separate circuits, so T is block-assembled (a padded edge tile keeps only
 * its used rows and columns). Built once per programmed state and cached per crossbar, wiring and `version`: a
 * write bumps the version, and the next call rebuilds it (never stale). Do not modify the returned array.
 *
 * @param crossbar - `{ rows, cols, conductance (rows × cols, ≥ 0) [S], version, tileShape? }`
 * @param options - wiring [Ω] and `paddingConductance` [S], as `passiveCurrents`
 * @returns T, rows × cols float64
 * @throws {InvalidParameterError} when the crossbar is malformed or a resistance is missing or invalid
 * @example
 * import { VTEAM } from '@memsim/devices';
 * const xbar = new Crossbar({ model: VTEAM, rows: 2, cols: 2 });
 * const t = passiveTransfer(xbar, { sourceResistance: 1, lineResistance: 1 }); // then I = V·T
 */
export function passiveTransfer(crossbar: PassiveCrossbarLike, options: PassiveCurrentsOptions): Float64Array {
  return passiveTransferThreads(crossbar, options, 1);
}

/**
 * {@link passiveTransfer} with the tiles' transfer matrices built over `threads` threads (the caller plus worker
 * threads; bit-identical for any count). Used by the passive read-out with the `threads` of its `mvm` call.
 */
export function passiveTransferThreads(
  crossbar: PassiveCrossbarLike,
  options: PassiveCurrentsOptions,
  threads: number,
): Float64Array {
  const x = checkCrossbar(crossbar);
  const circuits = tileCircuits(x, options, toTransfer, threads);
  const hit = assembled.get(circuits);
  if (hit !== undefined) return hit;
  const { rows, cols } = x;
  const [tr, tc] = x.tileShape ?? [rows, cols];
  const tileCols = Math.ceil(cols / tc);
  const t = new Float64Array(rows * cols);
  for (let k = 0; k < circuits.length; k++) {
    const circuit = circuits[k]!;
    toTransfer(circuit);
    const block = circuit.usage.transfer!;
    const r0 = Math.floor(k / tileCols) * tr;
    const c0 = (k % tileCols) * tc;
    const h = Math.min(tr, rows - r0);
    const w = Math.min(tc, cols - c0);
    // Row copies (memcpy) rather than an element loop: caller-only work in the threaded set-up.
    for (let i = 0; i < h; i++) t.set(block.subarray(i * circuit.cols, i * circuit.cols + w), (r0 + i) * cols + c0);
  }
  assembled.set(circuits, t);
  return t;
}
