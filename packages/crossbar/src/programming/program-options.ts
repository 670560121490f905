/**
 * Options of pulse programming ({@link program}, and `Crossbar.write` with `transistor: false`).
 *
 * @example
 * import { LinearIonDrift } from '@memsim/devices';
 * const options: ProgramOptions = { relTol: 0.05, maxIterations: 200, halfSelect: false };
 * program(new Crossbar({ model: LinearIonDrift, rows: 2, cols: 2 }), new Float64Array(4).fill(2e-3), options);
 */
export interface ProgramOptions {
  /** Relative tolerance: a device is programmed when |G − target| ≤ relTol·target. @default 0.01 */
  relTol?: number;
  /** Time step of the device simulation [s]. @default the population's `timeSeriesResolution` parameter */
  dt?: number;
  /**
   * Initial pulse width [s]. Each device keeps one width per polarity: the width of the pulse that overshot is
   * halved (error changed sign), and after three pulses in the same direction that direction's width is doubled
   * (at most `maxGrowth` times beyond this value). @default 10·dt
   */
  pulseDuration?: number;
  /** Magnitude of the pulse that raises conductance [V]; its sign is the model's `polarity`. @default 1 */
  setVoltage?: number;
  /** Magnitude of the pulse that lowers conductance [V]; its sign is −`polarity`. @default 1 */
  resetVoltage?: number;
  /** Write-verify iterations before giving up (each iteration pulses every device not yet within tolerance). @default 1000 */
  maxIterations?: number;
  /**
   * V/2 half-select scheme: every pulse of width τ on cell (r, c) exposes the other cells of row r and column c (in
   * the same tile) to V/2 for τ. @default true
   */
  halfSelect?: boolean;
  /** Greatest number of halvings of the pulse width. @default 40 */
  maxHalvings?: number;
  /** Greatest number of doublings of the pulse width beyond `pulseDuration` (slow devices). @default 10 */
  maxGrowth?: number;
  /** A device whose conductance has not moved over this many consecutive full-width pulses is given up. @default 20 */
  stallLimit?: number;
}

/**
 * Default {@link ProgramOptions} (`dt` and `pulseDuration` depend on the model).
 *
 * @example
 * DEFAULT_PROGRAM_OPTIONS.relTol; // → 0.01
 */
export const DEFAULT_PROGRAM_OPTIONS: Readonly<Required<Omit<ProgramOptions, 'dt' | 'pulseDuration'>>> = Object.freeze({
  relTol: 0.01,
  setVoltage: 1,
  resetVoltage: 1,
  maxIterations: 1000,
  halfSelect: true,
  maxHalvings: 40,
  maxGrowth: 10,
  stallLimit: 20,
});

/**
 * What programming did.
 *
 * @example
 * import { LinearIonDrift } from '@memsim/devices';
 * const report: ProgramReport = program(new Crossbar({ model: LinearIonDrift, rows: 2, cols: 2 }), new Float64Array(4).fill(2e-3));
 * report.converged; // → true when every device is within relTol
 */
export interface ProgramReport {
  /** Write-verify iterations run. */
  iterations: number;
  /** True when every non-stuck cell ended within tolerance. */
  converged: boolean;
  /** Final relative error |G − target| / target of each cell (rows × cols). */
  error: Float64Array;
  /** Cells (row-major indices) that did not reach the tolerance, stuck cells excluded. */
  failed: Int32Array;
  /** Largest final relative error over the non-stuck cells. */
  maxError: number;
  /** Pulses applied to selected devices in total. */
  pulses: number;
  /** Targets clamped into their device's range before programming. */
  clamped: number;
}
