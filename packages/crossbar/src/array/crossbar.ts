// MODULES //

import {
  InvalidParameterError,
  ShapeMismatchError,
  checkFiniteArray,
  option,
  resolveOptions,
  checkMemory,
  resolveRng,
  rule,
  checkTileShape,
  requireOptions,
} from '@memsim/core';
import type { OptionsSchema, Rng } from '@memsim/core';
import { clonePopulation, conductanceRange, createPopulation } from '@memsim/devices';
import type { DeviceModel, DevicePopulation, IntegrationConfig } from '@memsim/devices';
import { checkDeviceModel } from '../internal/check-device-model';
import { DEFER_INIT, RESTORE } from '../internal/defer-init';
import { programKernel } from '../programming/program-kernel';
import type { ProgramOptions, ProgramReport } from '../programming/program-options';
import { checkLookupSpec } from '../lookup/lookup-spec';
import type { DeviceLookup, LookupSpec } from '../lookup/lookup-spec';
import { sweepLookup } from '../lookup/sweep-lookup';
import type { CrossbarLike } from './crossbar-like';
import { scratchFloat64 } from '@memsim/core/internal';
import { clampTargets } from '../internal/clamp-targets';
import { deviceRange } from '../internal/device-range';
import { tileSlots } from '../internal/tile-slots';

// TYPES //

/**
 * How a new crossbar's devices start.
 *
 * @example
 * import { VTEAM } from '@memsim/devices';
 * const initialState: InitialState = 'random'; // every device at a random state (needs a seed); default 'hrs'
 * new Crossbar({ model: VTEAM, rows: 4, cols: 4, initialState, seed: 1 });
 */
export type InitialState = 'hrs' | 'random';

/**
 * Runtime list of {@link InitialState} values.
 *
 * @example
 * INITIAL_STATES; // → ['hrs', 'random']
 */
export const INITIAL_STATES: readonly InitialState[] = Object.freeze(['hrs', 'random']);

/**
 * Options of the {@link Crossbar} constructor.
 *
 * @example
 * import { normal, VTEAM } from '@memsim/devices';
 * const options: CrossbarOptions = { model: VTEAM, params: { rOn: normal({ mean: 50, std: 5, min: 10 }) }, rows: 64, cols: 32, tileShape: [32, 32], seed: 1 };
 * const xbar = new Crossbar(options);
 */
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

/**
 * Options of {@link Crossbar.write}.
 *
 * @example
 * import { LinearIonDrift } from '@memsim/devices';
 * const xbar = new Crossbar({ model: LinearIonDrift, rows: 2, cols: 2 });
 * const options: WriteOptions = { transistor: false, programming: { relTol: 0.05 } }; // 0T1R: pulse programming
 * xbar.write(new Float64Array(4).fill(2e-3), options).programming?.converged;
 */
export interface WriteOptions {
  /**
   * `true` (1T1R): each device is set to its target directly. `false` (0T1R): devices are programmed with pulses by
   * {@link program} (write-verify with half-select disturbance). @default true
   */
  transistor?: boolean;
  /** Options of the pulse programming used when `transistor` is false. @default DEFAULT_PROGRAM_OPTIONS */
  programming?: ProgramOptions;
}

/**
 * What {@link Crossbar.write} did.
 *
 * @example
 * import { VTEAM } from '@memsim/devices';
 * const report: WriteReport = new Crossbar({ model: VTEAM, rows: 1, cols: 2 }).write(Float64Array.of(5e-3, 1)); // 1 S: too high
 * report.clampedAbove; // → 1 (written at the device's highest conductance)
 */
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

/**
 * Options of {@link Crossbar.update}.
 *
 * @example
 * import { VTEAM } from '@memsim/devices';
 * const xbar = new Crossbar({ model: VTEAM, rows: 2, cols: 2 });
 * const options: UpdateOptions = { fromDevices: true }; // re-read every device's conductance
 * xbar.update(options);
 */
export interface UpdateOptions {
  /**
   * `true`: read `conductance` from the devices. `false`: push `conductance` (edited in place) into the devices;
   * every entry must lie in its device's range. @default true
   */
  fromDevices?: boolean;
}

export type { DeviceLookup, LookupSpec } from '../lookup/lookup-spec';

// MAIN //

const BRAND = Symbol.for('memsim.crossbar.Crossbar');
const WHERE = 'Crossbar';

/** The rules of {@link CrossbarOptions}; `params` and `integration` are checked by `createPopulation`. */
const SCHEMA = {
  model: option.required(checkDeviceModel),
  params: option.optional(rule.any<Record<string, unknown>>()),
  rows: option.required(rule.positiveInteger),
  cols: option.required(rule.positiveInteger),
  tileShape: option.optional(checkTileShape),
  initialState: option.withDefault(rule.oneOf(INITIAL_STATES), 'hrs'),
  seed: option.optional(rule.any<number>()),
  rng: option.optional(rule.any<Rng>()),
  integration: option.optional(rule.any<Partial<IntegrationConfig>>()),
} satisfies OptionsSchema<CrossbarOptions>;

const WRITE_SCHEMA = {
  transistor: option.withDefault(rule.boolean, true),
  programming: option.withDefault(rule.any<ProgramOptions>(), {}),
} satisfies OptionsSchema<WriteOptions>;

const UPDATE_SCHEMA = {
  fromDevices: option.withDefault(rule.boolean, true),
} satisfies OptionsSchema<UpdateOptions>;

/**
 * A crossbar array: rows = word lines = inputs, columns = bit lines = outputs, one memristive device per cell
 * (struct-of-arrays population) and the Float64 conductance matrix kept consistent with the devices.
 *
 * @example
 * import { VTEAM } from '@memsim/devices';
 * const xbar = new Crossbar({ model: VTEAM, rows: 4, cols: 2 });
 * xbar.write(new Float64Array(8).fill(2e-3)).clamped; // → 0
 */
export class Crossbar implements CrossbarLike {
  private readonly [BRAND] = true;
  /** Word lines = inputs. */
  readonly rows: number;
  /** Bit lines = outputs. */
  readonly cols: number;
  /** Physical tile shape, or undefined when untiled. */
  readonly tileShape: [number, number] | undefined;
  /** Conductance [S] of each cell, `rows × cols` row-major; always consistent with the devices. */
  readonly conductance: Float64Array;
  /** Cell → population slot for tiled crossbars; null when the mapping is the identity. */
  private readonly slots: Int32Array | null;
  // The state below changes only through the methods that say they mutate (write, update, markStuck, setLookup).
  private devices: DevicePopulation;
  private stuckCells: Uint8Array | null;
  private changes: number;
  private spec: LookupSpec | null;
  private table: DeviceLookup | null;
  /** `changes` when `table` was built (a sweep table is rebuilt when the devices changed since). */
  private tableVersion: number;

  /**
   * @param options - see {@link CrossbarOptions}.
   * @param internal - reserved for `initCrossbars` (skips the initial write when a full write follows); omit.
   * @throws {InvalidParameterError} when a size is not a positive integer, `tileShape` is malformed, a model
   *   parameter is invalid, or `initialState` is 'random' (or a parameter stochastic) without `seed`/`rng`.
   */
  constructor(options: CrossbarOptions, internal?: typeof DEFER_INIT) {
    requireOptions(WHERE, options);
    const o = resolveOptions(WHERE, options, SCHEMA);
    this.rows = o.rows;
    this.cols = o.cols;
    this.tileShape = o.tileShape;
    const initial = o.initialState;
    const rng = o.seed !== undefined || o.rng !== undefined ? resolveRng(WHERE, o) : null;
    if (initial === 'random' && rng === null) resolveRng(WHERE, o);
    let size = this.rows * this.cols;
    if (this.tileShape !== undefined) {
      const [tr, tc] = this.tileShape;
      size = Math.ceil(this.rows / tr) * Math.ceil(this.cols / tc) * tr * tc;
    }
    // Before any allocation: the devices (state, per-device parameters, scratch), the conductance matrix and the
    // gMin/gMax range arrays, 8 bytes each per cell.
    checkMemory(WHERE, 'rows × cols', size, 8 * (6 + (options.model?.parameterNames?.length ?? 0)));
    if (this.tileShape !== undefined) {
      const [tr, tc] = this.tileShape;
      this.slots = tileSlots(this.rows, this.cols, tr, tc);
    } else this.slots = null;
    this.devices = createPopulation(o.model, size, o.params as never, {
      ...(rng === null ? {} : { rng }),
      ...(o.integration === undefined ? {} : { integration: o.integration }),
    });
    this.conductance = new Float64Array(this.rows * this.cols);
    this.stuckCells = null;
    this.changes = 0;
    this.spec = null;
    this.table = null;
    this.tableVersion = 0;
    if (internal === DEFER_INIT && initial === 'hrs') return;
    const { gMin, gMax } = conductanceRange(this.devices);
    if (initial === 'random') {
      const r = rng as Rng;
      for (let d = 0; d < size; d++) gMin[d] = gMin[d]! + r.uniform() * (gMax[d]! - gMin[d]!);
    }
    this.devices.model.setConductance(this.devices, gMin);
    this.readDevices();
  }

  /** True when `value` is a Crossbar (brand check; works across copies of the library). */
  static isCrossbar(value: unknown): value is Crossbar {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  /** One device per cell (tile padding included when tiled), population order given by {@link deviceIndex}. */
  get population(): DevicePopulation {
    return this.devices;
  }

  /** 1 marks a stuck device (write, program and tuning never move it); null when none is stuck. See {@link markStuck}. */
  get stuck(): Readonly<Uint8Array> | null {
    return this.stuckCells;
  }

  /** Increments whenever the conductances change (caches such as the passive factorisation key on it). */
  get version(): number {
    return this.changes;
  }

  /** How the non-linear read-out's table is built (plain data, frozen), or null. See {@link setLookup}. */
  get lookupSpec(): LookupSpec | null {
    return this.spec;
  }

  /**
   * Per-device I(V) table used by the non-linear MVM mode instead of the model's `current` kernel, or null. A sweep
   * table is re-simulated here when the devices changed since it was built, so it always matches the devices.
   */
  get lookup(): DeviceLookup | null {
    const spec = this.spec;
    if (spec !== null && spec.kind === 'sweep' && this.tableVersion !== this.changes) {
      this.table = sweepLookup(this.devices, spec);
      this.tableVersion = this.changes;
    }
    return this.table;
  }

  /**
   * Marks cells as stuck: write, program and tuning never move them again (only `update({ fromDevices: false })`
   * and the non-idealities that set devices explicitly do). Mutates the stuck mask.
   *
   * @param cells - cell indices `row·cols + col` (duplicates allowed).
   * @throws {InvalidParameterError} when an index is not an integer in [0, rows·cols).
   */
  markStuck(cells: ArrayLike<number>): void {
    const n = this.rows * this.cols;
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i]!;
      if (!(Number.isInteger(cell) && cell >= 0 && cell < n))
        throw new InvalidParameterError({
          where: 'Crossbar.markStuck',
          parameter: `cells[${i}]`,
          value: cell,
          expected: `a cell index in [0, ${n - 1}]`,
        });
    }
    if (cells.length === 0) return;
    const mask = this.stuckCells ?? new Uint8Array(n);
    for (let i = 0; i < cells.length; i++) mask[cells[i]!] = 1;
    this.stuckCells = mask;
  }

  /**
   * Sets the non-linear read-out's per-device I(V) table from a spec (plain data, kept on the crossbar so clones and
   * saved chips rebuild the same table): a `'sweep'` is simulated now on copies of the devices and again whenever they
   * change; a `'table'` (e.g. a measured I-V) is used as given. `null` removes the table (the model's `current`
   * kernel is used). Devices and conductances are not changed.
   *
   * @throws {InvalidParameterError} when the spec is malformed or a table does not hold devices × samples currents.
   */
  setLookup(spec: LookupSpec | null): void {
    if (spec === null) {
      this.spec = null;
      this.table = null;
      return;
    }
    const checked = checkLookupSpec('Crossbar.setLookup', spec, this.devices.size);
    this.spec = checked;
    // A sweep is built now, so its cost and errors show here; later rebuilds happen in `lookup` after changes.
    this.table =
      checked.kind === 'table'
        ? { voltages: checked.voltages, currents: checked.currents }
        : sweepLookup(this.devices, checked);
    this.tableVersion = this.changes;
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
    const { transistor, programming: programOptions } = resolveOptions(where, options, WRITE_SCHEMA);
    this.checkCells(where, 'G', G);
    const pop = this.devices;
    const { gMin, gMax } = deviceRange(pop);
    const stuck = this.stuckCells;
    const slots = this.slots;
    const n = this.rows * this.cols;
    // Targets per device slot. Untiled 1T1R writes them straight into the matrix (cell = slot; a stuck cell's
    // target is its own conductance, already there); otherwise a reused scratch buffer: fresh device-sized arrays
    // were most of the cost of patching a large layer (page faults, see device-range.ts).
    const target = slots === null && transistor ? this.conductance : scratchFloat64('crossbar.writeTarget', pop.size);
    if (slots !== null) {
      // Padding slots stay at their device's gMin; cell slots are overwritten below.
      if (typeof gMin === 'number') target.fill(gMin);
      else target.set(gMin);
    }
    const counts = clampTargets(G, target, gMin, gMax, slots, stuck, this.conductance, n);
    const below = counts[0]!;
    const above = counts[1]!;
    const stuckSkipped = counts[2]!;
    let programming: ProgramReport | null = null;
    if (transistor) {
      const saved = this.saveStuck();
      pop.model.setConductance(pop, target);
      this.restoreStuck(saved);
      // setConductance's contract: conductance() now returns the target (stuck cells kept theirs), so the matrix is
      // taken from the targets instead of a second pass over the devices.
      const conductance = this.conductance;
      if (slots === null) {
        if (target !== conductance) conductance.set(target);
      } else for (let cell = 0; cell < n; cell++) conductance[cell] = target[slots[cell]!]!;
    } else {
      const logical = new Float64Array(n);
      for (let cell = 0; cell < n; cell++) logical[cell] = target[slots === null ? cell : slots[cell]!]!;
      programming = programKernel(this, logical, programOptions, where);
      programming.clamped = below + above;
    }
    this.changes++;
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
    const { fromDevices } = resolveOptions(where, options, UPDATE_SCHEMA);
    if (!fromDevices) {
      const pop = this.devices;
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
    this.changes++;
  }

  /**
   * A deep copy (devices, matrix, stuck mask) with the same version and lookup spec; the copy's table follows the
   * copy's devices from then on.
   */
  clone(): Crossbar {
    const copy: Crossbar = Object.create(Crossbar.prototype);
    Object.assign(copy, this, {
      devices: clonePopulation(this.devices),
      conductance: this.conductance.slice(),
      stuckCells: this.stuckCells === null ? null : this.stuckCells.slice(),
    });
    return copy;
  }

  /**
   * Replaces the whole state at once (devices, matrix, stuck mask, lookup) from checked data; for
   * `crossbarFromJSON`. The table, when given, is taken as current for these devices. Increments `version`.
   * @internal
   */
  restoreState(
    key: symbol,
    state: {
      population: DevicePopulation;
      conductance: Float64Array;
      stuck: Uint8Array | null;
      lookupSpec: LookupSpec | null;
      table: DeviceLookup | null;
    },
  ): void {
    if (key !== RESTORE)
      throw new InvalidParameterError({
        where: 'Crossbar.restoreState',
        parameter: 'key',
        value: key,
        expected: 'internal use only',
      });
    this.devices = state.population;
    this.stuckCells = state.stuck;
    this.conductance.set(state.conductance);
    this.changes++;
    this.spec = state.lookupSpec;
    this.table = state.table;
    this.tableVersion = state.table === null ? this.changes - 1 : this.changes;
  }

  /** Reads every cell's conductance from its device. */
  private readDevices(): void {
    const pop = this.devices;
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
    const stuck = this.stuckCells;
    if (stuck === null) return null;
    const saved: number[] = [];
    for (let cell = 0; cell < stuck.length; cell++)
      if (stuck[cell] === 1) {
        const d = this.slots === null ? cell : this.slots[cell]!;
        saved.push(d, this.devices.state[d]!);
      }
    return Float64Array.from(saved);
  }

  private restoreStuck(saved: Float64Array | null): void {
    if (saved === null) return;
    for (let i = 0; i < saved.length; i += 2) this.devices.state[saved[i]!] = saved[i + 1]!;
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
