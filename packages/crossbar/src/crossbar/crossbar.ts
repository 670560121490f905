// MODULES //

import {
  InvalidParameterError,
  ShapeMismatchError,
  checkFiniteArray,
  checkKnownKeys,
  checkOneOf,
  checkPositiveInteger,
  resolveRng,
} from '@memsim/core';
import type { Rng } from '@memsim/core';
import { clonePopulation, conductanceRange, createPopulation } from '@memsim/devices';
import type { DeviceModel, DevicePopulation, IntegrationConfig } from '@memsim/devices';
import { checkTileShape } from '../internal/check-tile-shape';
import { DEFER_INIT } from '../internal/defer-init';
import { requireOptions } from '../internal/require-options';
import { programKernel } from '../internal/program-kernel';
import type { ProgramOptions, ProgramReport } from '../programming/program-options';
import { scratchFloat64 } from '../internal/scratch';

// TYPES //

/** How a new crossbar's devices start. */
export type InitialState = 'hrs' | 'random';

/** Runtime list of {@link InitialState} values. */
export const INITIAL_STATES: readonly InitialState[] = Object.freeze(['hrs', 'random']);

/** Options of the {@link Crossbar} constructor. */
export interface CrossbarOptions {
  /** Device model of every cell, e.g. `VTEAM` from `@memsim/devices`. */
  model: DeviceModel<any>;
  /** Model parameters [SI]; any numeric one may be a StochasticParameter (sampled once per device). @default model defaults */
  params?: Record<string, unknown>;
  /** Word lines = inputs (positive integer). */
  rows: number;
  /** Bit lines = outputs (positive integer). */
  cols: number;
  /** Physical tile shape `[tileRows, tileCols]`; partial tiles are padded with real devices held in HRS. @default untiled */
  tileShape?: [number, number];
  /**
   * `'hrs'`: every device at its own `1/rOff`; `'random'`: each device uniform in its own `[1/rOff, 1/rOn]`
   * (needs `seed` or `rng`). @default 'hrs'
   */
  initialState?: InitialState;
  /** Seed for stochastic parameters and the random initial state. */
  seed?: number;
  /** Generator to draw from instead of `seed`. */
  rng?: Rng;
  /** Integration of the ODE models (`method`, `substeps`, `tolerance`), see `@memsim/devices`. @default Euler, 1 substep */
  integration?: Partial<IntegrationConfig>;
}

/** Options of {@link Crossbar.write}. */
export interface WriteOptions {
  /**
   * `true` (1T1R): each device is set to its target directly. `false` (0T1R): devices are programmed with pulses by
   * {@link program} (write-verify with half-select disturbance). @default true
   */
  transistor?: boolean;
  /** Options of the pulse programming used when `transistor` is false. @default DEFAULT_PROGRAM_OPTIONS */
  programming?: ProgramOptions;
}

/** What {@link Crossbar.write} did. */
export interface WriteReport {
  /** Targets outside their device's own `[1/rOff, 1/rOn]`, written at the nearer bound (`below + above`). */
  clamped: number;
  /** Targets below their device's `1/rOff`. */
  clampedBelow: number;
  /** Targets above their device's `1/rOn`. */
  clampedAbove: number;
  /** Cells left untouched because they are stuck. */
  stuckSkipped: number;
  /** The pulse-programming report when `transistor` was false, else null. */
  programming: ProgramReport | null;
}

/** Options of {@link Crossbar.update}. */
export interface UpdateOptions {
  /**
   * `true`: read `conductance` from the devices. `false`: push `conductance` (edited in place) into the devices;
   * every entry must lie in its device's range. @default true
   */
  fromDevices?: boolean;
}

/**
 * A per-device I(V) lookup table (attached as `crossbar.lookup` by `@memsim/nonideality`'s non-linear transform):
 * `currents[d·samples + s]` is device `d`'s current [A] at `voltages[s]` [V]; voltages ascending. When every voltage
 * is ≥ 0 the table is extended to negative voltages by odd symmetry, I(−v) = −I(v).
 */
export interface DeviceLookup {
  /** Sample voltages [V], strictly ascending. */
  voltages: Float64Array;
  /** Currents [A], devices × samples (device order = population slots, see {@link Crossbar.deviceIndex}). */
  currents: Float64Array;
}

// MAIN //

const BRAND = Symbol.for('memsim.crossbar.Crossbar');
const WHERE = 'Crossbar';
const KEYS = ['model', 'params', 'rows', 'cols', 'tileShape', 'initialState', 'seed', 'rng', 'integration'] as const;

/**
 * A crossbar array: rows = word lines = inputs, columns = bit lines = outputs, one memristive device per cell
 * (struct-of-arrays population) and the Float64 conductance matrix kept consistent with the devices.
 *
 * @example
 * const xbar = new Crossbar({ model: VTEAM, rows: 4, cols: 2 });
 * xbar.write(new Float64Array(8).fill(2e-3)).clamped; // → 0
 */
export class Crossbar {
  private readonly [BRAND] = true;
  /** Word lines = inputs. */
  readonly rows: number;
  /** Bit lines = outputs. */
  readonly cols: number;
  /** Physical tile shape, or undefined when untiled. */
  readonly tileShape: [number, number] | undefined;
  /** One device per cell (tile padding included when tiled), population order given by {@link deviceIndex}. */
  population: DevicePopulation;
  /** Conductance [S] of each cell, `rows × cols` row-major; always consistent with the devices. */
  readonly conductance: Float64Array;
  /** 1 marks a stuck device (write, program and tuning never move it); null when none is stuck. */
  stuck: Uint8Array | null;
  /** Per-device I(V) lookup used by the non-linear MVM mode instead of the model's `current` kernel, or null. */
  lookup: DeviceLookup | null;
  /** Increments whenever the conductances change (caches such as the passive factorisation key on it). */
  version: number;
  /** Cell → population slot for tiled crossbars; null when the mapping is the identity. */
  private readonly slots: Int32Array | null;

  /**
   * @param options - see {@link CrossbarOptions}.
   * @param internal - reserved for `initCrossbars` (skips the initial write when a full write follows); omit.
   * @throws {InvalidParameterError} when a size is not a positive integer, `tileShape` is malformed, a model
   *   parameter is invalid, or `initialState` is 'random' (or a parameter stochastic) without `seed`/`rng`.
   */
  constructor(options: CrossbarOptions, internal?: typeof DEFER_INIT) {
    requireOptions(WHERE, options);
    checkKnownKeys(WHERE, options, KEYS);
    this.rows = checkPositiveInteger(WHERE, 'rows', options.rows);
    this.cols = checkPositiveInteger(WHERE, 'cols', options.cols);
    this.tileShape =
      options.tileShape === undefined ? undefined : checkTileShape(WHERE, 'tileShape', options.tileShape);
    const initial =
      options.initialState === undefined
        ? 'hrs'
        : checkOneOf(WHERE, 'initialState', options.initialState, INITIAL_STATES);
    const rng = options.seed !== undefined || options.rng !== undefined ? resolveRng(WHERE, options) : null;
    if (initial === 'random' && rng === null) resolveRng(WHERE, options);
    let size = this.rows * this.cols;
    if (this.tileShape !== undefined) {
      const [tr, tc] = this.tileShape;
      size = Math.ceil(this.rows / tr) * Math.ceil(this.cols / tc) * tr * tc;
      this.slots = tileSlots(this.rows, this.cols, tr, tc);
    } else this.slots = null;
    this.population = createPopulation(options.model, size, options.params as never, {
      ...(rng === null ? {} : { rng }),
      ...(options.integration === undefined ? {} : { integration: options.integration }),
    });
    this.conductance = new Float64Array(this.rows * this.cols);
    this.stuck = null;
    this.lookup = null;
    this.version = 0;
    if (internal === DEFER_INIT && initial === 'hrs') return;
    const { gMin, gMax } = conductanceRange(this.population);
    if (initial === 'random') {
      const r = rng as Rng;
      for (let d = 0; d < size; d++) gMin[d] = gMin[d]! + r.uniform() * (gMax[d]! - gMin[d]!);
    }
    this.population.model.setConductance(this.population, gMin);
    this.readDevices();
  }

  /** True when `value` is a Crossbar (brand check; works across copies of the library). */
  static isCrossbar(value: unknown): value is Crossbar {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  /** Number of devices in the population (cells plus tile padding). */
  get size(): number {
    return this.population.size;
  }

  /**
   * Population slot of cell (row, col). Untiled: `row·cols + col`. Tiled: tiles are stored one after another in
   * row-major tile order (`tile = ⌊row/tr⌋·⌈cols/tc⌉ + ⌊col/tc⌋`), each tile row-major: `tile·tr·tc + (row mod tr)·tc + col mod tc`.
   *
   * @throws {InvalidParameterError} when row or col is outside the crossbar.
   */
  deviceIndex(row: number, col: number): number {
    if (!(Number.isInteger(row) && row >= 0 && row < this.rows))
      throw new InvalidParameterError({
        where: 'Crossbar.deviceIndex',
        parameter: 'row',
        value: row,
        expected: `an integer in [0, ${this.rows - 1}]`,
      });
    if (!(Number.isInteger(col) && col >= 0 && col < this.cols))
      throw new InvalidParameterError({
        where: 'Crossbar.deviceIndex',
        parameter: 'col',
        value: col,
        expected: `an integer in [0, ${this.cols - 1}]`,
      });
    const cell = row * this.cols + col;
    return this.slots === null ? cell : this.slots[cell]!;
  }

  /** Cell → slot table (null for the identity); for kernels of this package. @internal */
  cellSlots(): Int32Array | null {
    return this.slots;
  }

  /**
   * Writes a conductance matrix: each entry is clamped into its own device's `[1/rOff, 1/rOn]` (and the clamps are
   * counted in the report), then set directly (1T1R) or programmed with pulses (0T1R). Stuck cells are not touched.
   * Tile padding devices are held at their `1/rOff`. Increments `version`.
   *
   * @param G - target conductances [S], `rows × cols` row-major (not modified).
   * @param options - see {@link WriteOptions}.
   * @throws {InvalidParameterError} when `G` holds NaN/Infinity or an option is malformed.
   * @throws {ShapeMismatchError} when `G` does not hold `rows × cols` values.
   */
  write(G: Float64Array | Float32Array | number[], options: WriteOptions = {}): WriteReport {
    const where = 'Crossbar.write';
    checkKnownKeys(where, options, ['transistor', 'programming']);
    this.checkCells(where, 'G', G);
    this.checkStuck(where);
    const transistor = options.transistor ?? true;
    if (typeof transistor !== 'boolean')
      throw new InvalidParameterError({ where, parameter: 'transistor', value: transistor, expected: 'true or false' });
    const pop = this.population;
    const { gMin, gMax } = conductanceRange(pop);
    const target = gMin; // padding slots keep gMin; cell slots are overwritten below
    let below = 0;
    let above = 0;
    let stuckSkipped = 0;
    const stuck = this.stuck;
    const slots = this.slots;
    const n = this.rows * this.cols;
    if (stuck === null && slots === null) {
      // Untiled with no stuck cell (cell = slot): one tight pass.
      for (let cell = 0; cell < n; cell++) {
        const g = G[cell]!;
        if (g < gMin[cell]!) below++;
        else if (g > gMax[cell]!) {
          above++;
          target[cell] = gMax[cell]!;
        } else target[cell] = g;
      }
    } else
      for (let cell = 0; cell < n; cell++) {
        const d = slots === null ? cell : slots[cell]!;
        if (stuck !== null && stuck[cell] === 1) {
          stuckSkipped++;
          target[d] = this.conductance[cell]!;
          continue;
        }
        const g = G[cell]!;
        const lo = gMin[d]!;
        const hi = gMax[d]!;
        if (g < lo) below++;
        else if (g > hi) {
          above++;
          target[d] = hi;
        } else target[d] = g;
      }
    let programming: ProgramReport | null = null;
    if (transistor) {
      const saved = this.saveStuck();
      pop.model.setConductance(pop, target);
      this.restoreStuck(saved);
      // setConductance's contract: conductance() now returns the target (stuck cells kept theirs), so the matrix is
      // taken from the targets instead of a second pass over the devices.
      const conductance = this.conductance;
      if (slots === null) conductance.set(target);
      else for (let cell = 0; cell < n; cell++) conductance[cell] = target[slots[cell]!]!;
    } else {
      const logical = new Float64Array(n);
      for (let cell = 0; cell < n; cell++) logical[cell] = target[slots === null ? cell : slots[cell]!]!;
      programming = programKernel(this, logical, options.programming ?? {}, where);
      programming.clamped = below + above;
    }
    this.version++;
    return { clamped: below + above, clampedBelow: below, clampedAbove: above, stuckSkipped, programming };
  }

  /**
   * Re-synchronises the matrix and the devices. Increments `version`. Pushing (`fromDevices: false`) sets every
   * cell, stuck ones included: it is the explicit way to change a stuck device (e.g. fault injection), whereas
   * `write` and `program` never move them.
   *
   * @param options - `fromDevices` (default true): read the devices; false: push the (edited) matrix into them.
   * @throws {InvalidParameterError} when pushing an entry that is NaN or outside its device's range.
   */
  update(options: UpdateOptions = {}): void {
    const where = 'Crossbar.update';
    checkKnownKeys(where, options, ['fromDevices']);
    const fromDevices = options.fromDevices ?? true;
    if (typeof fromDevices !== 'boolean')
      throw new InvalidParameterError({
        where,
        parameter: 'fromDevices',
        value: fromDevices,
        expected: 'true or false',
      });
    if (!fromDevices) {
      const pop = this.population;
      const { gMin, gMax } = conductanceRange(pop);
      const current = new Float64Array(pop.size);
      pop.model.conductance(pop, current);
      const target = gMin;
      const slots = this.slots;
      for (let d = 0; d < pop.size; d++) target[d] = current[d]!;
      const n = this.rows * this.cols;
      for (let cell = 0; cell < n; cell++) {
        const d = slots === null ? cell : slots[cell]!;
        const g = this.conductance[cell]!;
        const lo = gMin[d]!;
        const hi = gMax[d]!;
        const slack = 1e-12 * hi;
        if (!(g >= lo - slack && g <= hi + slack))
          throw new InvalidParameterError({
            where,
            parameter: `conductance[${cell}]`,
            value: g,
            expected: `within device ${d}'s range [${lo}, ${hi}] S (use write() to clamp and report)`,
          });
        target[d] = Math.min(hi, Math.max(lo, g));
      }
      pop.model.setConductance(pop, target);
    }
    this.readDevices();
    this.version++;
  }

  /** A deep copy (devices, matrix, stuck mask, lookup reference) with the same version. */
  clone(): Crossbar {
    const copy: Crossbar = Object.create(Crossbar.prototype);
    Object.assign(copy, this, {
      population: clonePopulation(this.population),
      conductance: this.conductance.slice(),
      stuck: this.stuck === null ? null : this.stuck.slice(),
    });
    return copy;
  }

  /** Reads every cell's conductance from its device. */
  private readDevices(): void {
    const pop = this.population;
    if (this.slots === null) {
      pop.model.conductance(pop, this.conductance);
      return;
    }
    // Scratch memory: a fresh array per read paged in 32 MB on every write of an 8 M-device chip.
    const all = scratchFloat64('crossbar.readDevices', pop.size);
    pop.model.conductance(pop, all);
    const slots = this.slots;
    for (let cell = 0; cell < this.conductance.length; cell++) this.conductance[cell] = all[slots[cell]!]!;
  }

  /** States of stuck devices (slot, state) before a bulk write. */
  private saveStuck(): Float64Array | null {
    if (this.stuck === null) return null;
    const saved: number[] = [];
    for (let cell = 0; cell < this.stuck.length; cell++)
      if (this.stuck[cell] === 1) {
        const d = this.slots === null ? cell : this.slots[cell]!;
        saved.push(d, this.population.state[d]!);
      }
    return Float64Array.from(saved);
  }

  private restoreStuck(saved: Float64Array | null): void {
    if (saved === null) return;
    for (let i = 0; i < saved.length; i += 2) this.population.state[saved[i]!] = saved[i + 1]!;
  }

  /** Checks the stuck mask: null or a Uint8Array with one entry per cell. */
  private checkStuck(where: string): void {
    const s = this.stuck;
    if (s === null) return;
    if (!(s instanceof Uint8Array))
      throw new InvalidParameterError({
        where,
        parameter: 'stuck',
        value: s,
        expected: 'null or a Uint8Array (1 = stuck), one entry per cell',
      });
    if (s.length !== this.rows * this.cols)
      throw new ShapeMismatchError({
        where,
        parameter: 'stuck',
        expectedShape: [this.rows * this.cols],
        actualShape: [s.length],
        detail: '(one entry per cell)',
      });
  }

  /** Checks a rows × cols array of finite numbers. */
  private checkCells(where: string, parameter: string, G: unknown): void {
    checkFiniteArray(where, parameter, G);
    const length = (G as ArrayLike<number>).length;
    if (length !== this.rows * this.cols)
      throw new ShapeMismatchError({
        where,
        parameter,
        expectedShape: [this.rows * this.cols],
        actualShape: [length],
        detail: `(rows × cols = ${this.rows} × ${this.cols}, row-major)`,
      });
  }
}

/** Cell → slot table of a tiled crossbar. */
function tileSlots(rows: number, cols: number, tr: number, tc: number): Int32Array {
  const gridCols = Math.ceil(cols / tc);
  const slots = new Int32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const ti = Math.floor(r / tr);
    const rr = r - ti * tr;
    for (let c = 0; c < cols; c++) {
      const tj = Math.floor(c / tc);
      slots[r * cols + c] = (ti * gridCols + tj) * tr * tc + rr * tc + (c - tj * tc);
    }
  }
  return slots;
}
