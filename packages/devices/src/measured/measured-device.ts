// MODULES //

import { InvalidParameterError, option, resolveOptions, rule } from '@memsim/core';
import type { OptionsSchema } from '@memsim/core';
import { at as param, defineModel } from '../internal/define-model';
import type { DefinedModel } from '../internal/define-model';
import { badVoltage, checkOut, checkStepCall, checkVoltageCall } from '../internal/kernel-utils';
import type { DeviceModel, DevicePopulation } from '../population/device-population';
import { normal } from '../stochastic/normal';
import type { StochasticParameter } from '../stochastic/stochastic-parameter';
import { at, fileNameRule, readCsv } from './read-csv';

// TYPES //

/**
 * One measured pulse response: after pulse number `pulse` of cycle `cycle`, with `polarity` +1 (potentiation, a SET
 * pulse that raises conductance), −1 (depression, RESET) or 0 (a read without a pulse, e.g. pulse 0 = the initial
 * state), the device read `conductance` [S]. Pulse numbers increase within a cycle; a gap of n pulses between two
 * rows counts as n pulses of the later row's polarity.
 *
 * @example
 * const g = [1, 2, 3, 4, 5, 4, 3, 2, 1]; // mS: a read, 4 SET pulses, 4 RESET pulses
 * const rows: MeasuredPulseRow[] = g.map((mS, pulse) => ({ cycle: 0, pulse, polarity: pulse === 0 ? 0 : pulse <= 4 ? 1 : -1, conductance: mS * 1e-3 }));
 * measuredDevice(rows, { spread: false }).params.rOn; // → 200 Ω (1 / 5 mS)
 */
export interface MeasuredPulseRow {
  /** Cycle (one pulse-train measurement: a potentiation and/or depression sweep). */
  cycle: number;
  /** Pulse number within the cycle, increasing. */
  pulse: number;
  /** +1 potentiation, −1 depression, 0 read only. */
  polarity: number;
  /** Conductance read after the pulse [S], ≥ 0. */
  conductance: number;
}

/**
 * Parameters of a measured device model (every population of it).
 *
 * @example
 * const g = [1, 2, 3, 4, 5, 4, 3, 2, 1]; // mS: a read, 4 SET pulses, 4 RESET pulses
 * const rows = g.map((mS, pulse) => ({ cycle: 0, pulse, polarity: pulse === 0 ? 0 : pulse <= 4 ? 1 : -1, conductance: mS * 1e-3 }));
 * const params: MeasuredParams = measuredDevice(rows, { spread: false }).model.defaults;
 * // → { timeSeriesResolution: 1e-6, pulseWidth: 1e-6, vThreshold: 0.75, rOn: 200, rOff: 1000, setScale: 1, resetScale: 1 }
 */
export interface MeasuredParams {
  /** Sample spacing of `Memristor.simulate` and pulse programming [s]. @default pulseWidth */
  timeSeriesResolution: number;
  /** Duration of one measured pulse [s]: holding |V| ≥ vThreshold this long gives one table step. @default 1e-6 */
  pulseWidth: number;
  /** Smallest |V| [V] that moves the state (the measured pulses' amplitude stands for any |V| ≥ it). @default 0.75 */
  vThreshold: number;
  /** Lowest measured resistance, 1/max g [Ω]. */
  rOn: number;
  /** Highest measured resistance, 1/min g [Ω]. */
  rOff: number;
  /** Per-device factor on every potentiation step (cycle-to-cycle spread of the data) [1]. @default 1 */
  setScale: number;
  /** Per-device factor on every depression step [1]. @default 1 */
  resetScale: number;
}

/**
 * The step table of a measured device: the mean rate dg/dn (conductance change per pulse, from central differences
 * of the measured curves) at the listed conductances, per polarity.
 *
 * @example
 * const g = [1, 2, 3, 4, 5, 4, 3, 2, 1]; // mS: a read, 4 SET pulses, 4 RESET pulses
 * const rows = g.map((mS, pulse) => ({ cycle: 0, pulse, polarity: pulse === 0 ? 0 : pulse <= 4 ? 1 : -1, conductance: mS * 1e-3 }));
 * const table: MeasuredStepTable = measuredDevice(rows, { spread: false }).table;
 * table.setStep; // → Float64Array [0.001, 0.001, 0.001]: +1 mS per SET pulse at every node
 */
export interface MeasuredStepTable {
  /** Conductances of the set nodes [S], ascending. */
  setConductance: Float64Array;
  /** Mean Δg of one potentiation pulse at each node [S] (≥ 0 for a well-behaved device). */
  setStep: Float64Array;
  /** Conductances of the reset nodes [S], ascending. */
  resetConductance: Float64Array;
  /** Mean Δg of one depression pulse at each node [S]. */
  resetStep: Float64Array;
}

/**
 * Options of {@link measuredDevice}.
 *
 * @example
 * const options: MeasuredDeviceOptions = { file: 'data', bins: 64, spread: true, pulseWidth: 1e-6, vThreshold: 0.75 }; // the defaults
 * const g = [1, 2, 3, 4, 5, 4, 3, 2, 1]; // mS: a read, 4 SET pulses, 4 RESET pulses
 * const rows = [0, 1].flatMap((cycle) => g.map((mS, pulse) => ({ cycle, pulse, polarity: pulse === 0 ? 0 : pulse <= 4 ? 1 : -1, conductance: mS * 1e-3 })));
 * measuredDevice(rows, options).spread; // → { set: 0, reset: 0 } (two identical cycles)
 */
export interface MeasuredDeviceOptions {
  /** File name used in error messages. @default 'data' */
  file?: string;
  /** Nodes of the step table per polarity (≥ 2): bins of equal step counts (quantiles of g). @default 64 */
  bins?: number;
  /** Fit the cycle-to-cycle spread (needs ≥ 2 cycles). @default true */
  spread?: boolean;
  /** Duration of one measured pulse [s]. @default 1e-6 */
  pulseWidth?: number;
  /** |V| [V] from which a pulse counts. @default 0.75 */
  vThreshold?: number;
}

/**
 * What {@link measuredDevice} returns.
 *
 * @example
 * const g = [1, 2, 3, 4, 5, 4, 3, 2, 1]; // mS: a read, 4 SET pulses, 4 RESET pulses
 * const rows = g.map((mS, pulse) => ({ cycle: 0, pulse, polarity: pulse === 0 ? 0 : pulse <= 4 ? 1 : -1, conductance: mS * 1e-3 }));
 * const device: MeasuredDevice = measuredDevice(rows, { spread: false });
 * device.params; // → { rOn: 200, rOff: 1000, setScale: 1, resetScale: 1 }
 * const pop = createPopulation(device.model, 16, device.params);
 */
export interface MeasuredDevice {
  /** The device model (a DeviceModel: use it in `createPopulation`, `Memristor`, crossbars, programming). */
  model: DeviceModel<MeasuredParams>;
  /** Fitted parameters, the spread as StochasticParameters: pass to `createPopulation` / `initCrossbars`. */
  params: {
    rOn: number;
    rOff: number;
    setScale: number | StochasticParameter;
    resetScale: number | StochasticParameter;
  };
  /** The step table. */
  table: MeasuredStepTable;
  /** Relative cycle-to-cycle spread (σ of the per-cycle step factor) of potentiation and depression [1]. */
  spread: { set: number; reset: number };
  /** Cycles and pulses read. */
  cycles: number;
  pulses: number;
}

/**
 * Defaults of {@link MeasuredDeviceOptions}.
 *
 * @example
 * DEFAULT_MEASURED_DEVICE_OPTIONS.bins; // → 64 nodes of the step table per polarity
 */
export const DEFAULT_MEASURED_DEVICE_OPTIONS = Object.freeze({
  bins: 64,
  spread: true,
  pulseWidth: 1e-6,
  vThreshold: 0.75,
});

const D = DEFAULT_MEASURED_DEVICE_OPTIONS;
/** The rules of {@link MeasuredDeviceOptions}. */
const SCHEMA = {
  file: option.withDefault(fileNameRule, 'data'),
  bins: option.withDefault((where, parameter, value) => {
    const bins = rule.positiveInteger(where, parameter, value);
    if (bins < 2) throw new InvalidParameterError({ where, parameter, value, expected: 'an integer ≥ 2' });
    return bins;
  }, D.bins),
  spread: option.withDefault(rule.boolean, D.spread),
  pulseWidth: option.withDefault(rule.positive, D.pulseWidth),
  vThreshold: option.withDefault(rule.positive, D.vThreshold),
} satisfies OptionsSchema<MeasuredDeviceOptions>;
const COLUMNS = ['cycle', 'pulse', 'polarity', 'conductance'] as const;
const WHERE = 'measuredDevice';

// MAIN //

/**
 * Builds a device model from measured pulse-response curves (the question of aihwkit #237/#734 and CrossSim #12/#28):
 * a lookup step model, the conductance change per pulse as a function of the present conductance and the pulse
 * polarity (dg/dn = f(g), piecewise linear between per-bin means of central differences, bins of equal step counts),
 * with the cycle-to-cycle spread as a per-device factor k on the rate (fitted jointly with f by alternating least
 * squares, so a bin only fast cycles reach is not biased; σ of the per-cycle k is the spread). The model is a
 * DeviceModel: while |V| ≥ `vThreshold` (positive V raises conductance) a device integrates dg/dn = k·f(g) over
 * n = dt/pulseWidth pulses (midpoint rule); it reads linearly (I = g·V) and is programmed by write-verify like any
 * other model.
 *
 * CSV columns (header row, any order, extra columns ignored, `#` comments): `cycle`, `pulse`, `polarity` (+1, −1 or
 * 0), `conductance` [S]. See {@link MeasuredPulseRow}.
 *
 * @param data - CSV text, or rows already parsed.
 * @param options - see {@link MeasuredDeviceOptions}.
 * @throws {InvalidParameterError} naming the file and line: malformed CSV, a missing column, a non-numeric value, a
 * pulse number that does not increase within its cycle, a negative conductance, a polarity other than +1/−1/0, a
 * single cycle when the spread is asked for, no pulse of a polarity, or equal smallest and largest conductances.
 * @example
 * import { readFileSync } from 'node:fs';
 * // (typechecked, not run: reads your measurement file; the README has a self-contained version)
 * const device = measuredDevice(readFileSync('pulses.csv', 'utf8'), { file: 'pulses.csv' });
 * const pop = createPopulation(device.model, 1000, device.params, { seed: 1 });
 */
export function measuredDevice(
  data: string | readonly MeasuredPulseRow[],
  options: MeasuredDeviceOptions = {},
): MeasuredDevice {
  const { file, bins, spread: wantSpread, pulseWidth, vThreshold } = resolveOptions(WHERE, options, SCHEMA);
  const records =
    typeof data === 'string'
      ? readCsv(WHERE, data, file, COLUMNS).map((r) => ({ ...(r.values as unknown as MeasuredPulseRow), line: r.line }))
      : rowsOf(data, file);

  // Cycles in file order; checks per row.
  const cycles = new Map<number, (MeasuredPulseRow & { line: number })[]>();
  let gLo = Number.POSITIVE_INFINITY;
  let gHi = Number.NEGATIVE_INFINITY;
  for (const r of records) {
    if (!(r.conductance >= 0))
      throw new InvalidParameterError({
        where: at(WHERE, file, r.line),
        parameter: 'conductance',
        value: r.conductance,
        expected: 'a conductance ≥ 0 [S]',
      });
    if (!(r.polarity === 1 || r.polarity === -1 || r.polarity === 0))
      throw new InvalidParameterError({
        where: at(WHERE, file, r.line),
        parameter: 'polarity',
        value: r.polarity,
        expected: '+1 (potentiation), −1 (depression) or 0 (read only)',
      });
    let list = cycles.get(r.cycle);
    if (list === undefined) cycles.set(r.cycle, (list = []));
    const last = list[list.length - 1];
    if (last !== undefined && !(r.pulse > last.pulse))
      throw new InvalidParameterError({
        where: at(WHERE, file, r.line),
        parameter: 'pulse',
        value: r.pulse,
        expected: `greater than the previous pulse number of cycle ${r.cycle} (${last.pulse}, line ${last.line}): pulse numbers increase within a cycle`,
      });
    list.push(r);
    gLo = Math.min(gLo, r.conductance);
    gHi = Math.max(gHi, r.conductance);
  }
  const lastLine = records[records.length - 1]!.line;
  if (wantSpread && cycles.size < 2)
    throw new InvalidParameterError({
      where: at(WHERE, file, lastLine),
      parameter: 'cycle',
      value: [...cycles.keys()][0],
      expected: 'at least 2 different cycles to fit the cycle-to-cycle spread (or pass `spread: false`)',
    });
  if (!(gHi > gLo) || !(gLo > 0))
    throw new InvalidParameterError({
      where: at(WHERE, file, lastLine),
      parameter: 'conductance',
      value: [gLo, gHi],
      expected: 'readings spanning a range with a smallest conductance > 0 (rOff = 1/min, rOn = 1/max)',
    });

  // Steps: (cycle index, polarity, g before, Δg per pulse).
  type Step = { cycle: number; g: number; dg: number };
  const steps: Record<'1' | '-1', Step[]> = { '1': [], '-1': [] };
  const cut: Record<'1' | '-1', Step[]> = { '1': [], '-1': [] };
  let pulses = 0;
  let c = 0;
  for (const list of cycles.values()) {
    for (let k = 1; k < list.length; k++) {
      const r = list[k]!;
      if (r.polarity === 0) continue;
      const n = r.pulse - list[k - 1]!.pulse;
      pulses += n;
      // The rate dg/dn at the midpoint conductance (central difference: second-order accurate). A step that ends on
      // the smallest or largest reading is cut by the device's bound, not its rate: left out.
      const g0 = list[k - 1]!.conductance;
      const step = { cycle: c, g: (g0 + r.conductance) / 2, dg: (r.conductance - g0) / n };
      (r.conductance === gLo || r.conductance === gHi ? cut : steps)[String(r.polarity) as '1'].push(step);
    }
    c++;
  }
  for (const p of ['1', '-1'] as const) if (steps[p].length === 0) steps[p] = cut[p];
  for (const p of ['1', '-1'] as const)
    if (steps[p].length === 0)
      throw new InvalidParameterError({
        where: at(WHERE, file, lastLine),
        parameter: 'polarity',
        value: p === '1' ? -1 : 1,
        expected: `data with at least one ${p === '1' ? 'potentiation (+1)' : 'depression (−1)'} pulse (the model needs both directions)`,
      });
  const fit = (p: '1' | '-1') => {
    // Alternating least squares for Δg = k_c·f(g): the table from the steps divided by each cycle's factor (so a bin
    // only fast cycles reach is not biased fast), then each cycle's factor against the table; a few rounds converge.
    const k = new Float64Array(cycles.size).fill(1);
    let table = binTable(steps[p], bins, cycles.size, k);
    for (let round = 0; round < 8; round++) {
      const factors = cycleFactors(steps[p], table, cycles.size);
      let mean = 0;
      let m = 0;
      for (const f of factors) if (f !== null) (mean += f), m++;
      mean /= m;
      for (let c = 0; c < k.length; c++) k[c] = factors[c] === null ? 1 : factors[c]! / mean;
      table = binTable(steps[p], bins, cycles.size, k);
    }
    const used = cycleFactors(steps[p], table, cycles.size).filter((f): f is number => f !== null);
    const mean = used.reduce((a, b) => a + b, 0) / used.length;
    for (let i = 0; i < table.y.length; i++) table.y[i] = table.y[i]! * mean;
    let s = 0;
    for (const f of used) s += (f / mean - 1) ** 2;
    return { table, spread: used.length > 1 ? Math.sqrt(s / (used.length - 1)) : 0 };
  };
  const set = fit('1');
  const reset = fit('-1');
  const table: MeasuredStepTable = {
    setConductance: set.table.x,
    setStep: set.table.y,
    resetConductance: reset.table.x,
    resetStep: reset.table.y,
  };
  const model = measuredModel(table, { pulseWidth, vThreshold, rOn: 1 / gHi, rOff: 1 / gLo });
  const scale = (s: number): number | StochasticParameter =>
    wantSpread && s > 0 ? normal({ mean: 1, std: s, min: 0 }) : 1;
  return {
    model,
    params: { rOn: 1 / gHi, rOff: 1 / gLo, setScale: scale(set.spread), resetScale: scale(reset.spread) },
    table,
    spread: { set: wantSpread ? set.spread : 0, reset: wantSpread ? reset.spread : 0 },
    cycles: cycles.size,
    pulses,
  };
}

/** Rows given as objects: checked like CSV records, "line" = row index + 1. */
function rowsOf(data: readonly MeasuredPulseRow[], file: string): (MeasuredPulseRow & { line: number })[] {
  if (!Array.isArray(data) || data.length === 0)
    throw new InvalidParameterError({
      where: WHERE,
      parameter: 'data',
      value: data,
      expected: 'CSV text or a non-empty array of rows',
    });
  return data.map((row, i) => {
    for (const name of COLUMNS)
      if (typeof row?.[name] !== 'number' || !Number.isFinite(row[name]))
        throw new InvalidParameterError({
          where: at(WHERE, file, i + 1),
          parameter: name,
          value: row?.[name],
          expected: 'a finite number',
        });
    return { cycle: row.cycle, pulse: row.pulse, polarity: row.polarity, conductance: row.conductance, line: i + 1 };
  });
}

/**
 * Per bin: mean over cycles of each cycle's mean (g, Δg) in the bin; empty bins dropped. Bins hold equal numbers of
 * steps (quantiles of g), so the table is dense where the device spends its pulses.
 */
function binTable(
  steps: { cycle: number; g: number; dg: number }[],
  bins: number,
  cycles: number,
  factors: Float64Array,
) {
  const sorted = steps.slice().sort((a, b) => a.g - b.g);
  // At least about one step per cycle in a bin, so a node averages over cycles (else the table follows each cycle
  // and leaves no spread for the factors).
  const count = Math.max(1, Math.min(bins, sorted.length, Math.floor(sorted.length / cycles)));
  const x: number[] = [];
  const y: number[] = [];
  const sumG = new Float64Array(cycles);
  const sumD = new Float64Array(cycles);
  const n = new Float64Array(cycles);
  for (let b = 0; b < count; b++) {
    const lo = Math.floor((b * sorted.length) / count);
    const hi = Math.floor(((b + 1) * sorted.length) / count);
    sumG.fill(0);
    sumD.fill(0);
    n.fill(0);
    for (let i = lo; i < hi; i++) {
      const s = sorted[i]!;
      sumG[s.cycle] = sumG[s.cycle]! + s.g;
      sumD[s.cycle] = sumD[s.cycle]! + s.dg / factors[s.cycle]!;
      n[s.cycle] = n[s.cycle]! + 1;
    }
    let g = 0;
    let d = 0;
    let m = 0;
    for (let c = 0; c < cycles; c++) {
      if (n[c] === 0) continue;
      g += sumG[c]! / n[c]!;
      d += sumD[c]! / n[c]!;
      m++;
    }
    const gx = g / m;
    // Equal conductances (a saturated device) merge into one node.
    if (x.length > 0 && !(gx > x[x.length - 1]!)) {
      const k = x.length - 1;
      y[k] = (y[k]! + d / m) / 2;
      continue;
    }
    x.push(gx);
    y.push(d / m);
  }
  return { x: Float64Array.from(x), y: Float64Array.from(y) };
}

/** Piecewise-linear interpolation on ascending nodes, constant beyond the ends (a noisy end node is not amplified). */
function interpolate(x: Float64Array, y: Float64Array, g: number): number {
  const n = x.length;
  if (n === 1) return y[0]!;
  if (g <= x[0]!) return y[0]!;
  if (g >= x[n - 1]!) return y[n - 1]!;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid]! <= g) lo = mid;
    else hi = mid;
  }
  const t = (g - x[lo]!) / (x[hi]! - x[lo]!);
  return y[lo]! + t * (y[hi]! - y[lo]!);
}

/**
 * Factor of each cycle's steps against the table, least squares in relative terms (each step weighs alike):
 * k_c = mean of Δg/f over the cycle's steps where the table is non-zero; null for a cycle without such steps.
 */
function cycleFactors(
  steps: { cycle: number; g: number; dg: number }[],
  table: { x: Float64Array; y: Float64Array },
  cycles: number,
): (number | null)[] {
  const sum = new Float64Array(cycles);
  const n = new Float64Array(cycles);
  let peak = 0;
  for (const v of table.y) peak = Math.max(peak, Math.abs(v));
  for (const s of steps) {
    const f = interpolate(table.x, table.y, s.g);
    // Steps where the mean device barely moves (saturated) carry no rate information.
    if (!(Math.abs(f) > 1e-3 * peak)) continue;
    sum[s.cycle] = sum[s.cycle]! + s.dg / f;
    n[s.cycle] = n[s.cycle]! + 1;
  }
  const out: (number | null)[] = [];
  for (let c = 0; c < cycles; c++) out.push(n[c]! > 0 ? sum[c]! / n[c]! : null);
  return out;
}

/** The DeviceModel of a step table. */
function measuredModel(
  table: MeasuredStepTable,
  fitted: { pulseWidth: number; vThreshold: number; rOn: number; rOff: number },
): DefinedModel<MeasuredParams> {
  const defaults: MeasuredParams = {
    timeSeriesResolution: fitted.pulseWidth,
    pulseWidth: fitted.pulseWidth,
    vThreshold: fitted.vThreshold,
    rOn: fitted.rOn,
    rOff: fitted.rOff,
    setScale: 1,
    resetScale: 1,
  };
  const { setConductance: sx, setStep: sy, resetConductance: rx, resetStep: ry } = table;
  const model = defineModel<MeasuredParams>({
    name: 'Measured',
    defaults,
    params: [
      { name: 'timeSeriesResolution', rule: 'positive', shared: true },
      { name: 'pulseWidth', rule: 'positive' },
      { name: 'vThreshold', rule: 'positive' },
      { name: 'rOn', rule: 'positive' },
      { name: 'rOff', rule: 'positive' },
      { name: 'setScale', rule: 'nonNegative' },
      { name: 'resetScale', rule: 'nonNegative' },
    ],
    polarity: 1,
    readVoltage: 0.1,
    stateName: 'conductance',
    currentTiming: 'after-step',
    hysteresisDefaults: {
      duration: 400 * fitted.pulseWidth,
      amplitude: 2 * fitted.vThreshold,
      frequency: 1 / (400 * fitted.pulseWidth),
    },
    bipolarDefaults: { amplitude: 2 * fitted.vThreshold, frequency: 1 / (400 * fitted.pulseWidth) },
    step(pop: DevicePopulation, voltage: number | Float64Array, dt: number) {
      checkStepCall('Measured.step', pop, voltage, dt);
      const p = pop.params;
      const g = pop.state;
      for (let i = 0; i < pop.size; i++) {
        const v = typeof voltage === 'number' ? voltage : voltage[i]!;
        if (!(v - v === 0)) throw badVoltage('Measured.step', i, v);
        const th = param(p.vThreshold!, i);
        if (v < th && v > -th) continue;
        const pulses = dt / param(p.pulseWidth!, i);
        const up = v >= th;
        const x = up ? sx : rx;
        const y = up ? sy : ry;
        const k = param(up ? p.setScale! : p.resetScale!, i);
        const lo = 1 / param(p.rOff!, i);
        const hi = 1 / param(p.rOn!, i);
        // dg/dn = k·f(g) over `pulses` pulses: midpoint rule, at most a quarter pulse per substep.
        const m = Math.max(1, Math.ceil(4 * pulses));
        const h = (k * pulses) / m;
        let gi = g[i]!;
        for (let s = 0; s < m; s++) {
          const mid = gi + 0.5 * h * interpolate(x, y, gi);
          gi += h * interpolate(x, y, mid < lo ? lo : mid > hi ? hi : mid);
          gi = gi < lo ? lo : gi > hi ? hi : gi;
        }
        g[i] = gi;
      }
    },
    current(pop, voltage, out) {
      checkVoltageCall('Measured.current', pop, voltage);
      checkOut('Measured.current', pop, out);
      const g = pop.state;
      for (let i = 0; i < pop.size; i++) out[i] = g[i]! * (typeof voltage === 'number' ? voltage : voltage[i]!);
    },
    setConductance(pop, value) {
      const p = pop.params;
      const g = pop.state;
      for (let i = 0; i < pop.size; i++) {
        const v = typeof value === 'number' ? value : value[i]!;
        const lo = 1 / param(p.rOff!, i);
        const hi = 1 / param(p.rOn!, i);
        g[i] = v < lo ? lo : v > hi ? hi : v;
      }
    },
    conductance(pop, out) {
      checkOut('Measured.conductance', pop, out);
      out.set(pop.state.subarray(0, pop.size));
    },
    initialize(pop) {
      const p = pop.params;
      for (let i = 0; i < pop.size; i++) pop.state[i] = 1 / param(p.rOff!, i);
    },
  });
  SPECS.set(model, { kind: 'measured', table, fitted: { ...fitted } });
  return model;
}

// SERIALISATION //

/**
 * What rebuilds a measured device model (its step table and fitted defaults): saved with every population of it, so
 * a chip built on measured data reloads without the data file.
 *
 * @example
 * const g = [1, 2, 3, 4, 5, 4, 3, 2, 1]; // mS: a read, 4 SET pulses, 4 RESET pulses
 * const rows = g.map((mS, pulse) => ({ cycle: 0, pulse, polarity: pulse === 0 ? 0 : pulse <= 4 ? 1 : -1, conductance: mS * 1e-3 }));
 * const device = measuredDevice(rows, { spread: false });
 * const spec: MeasuredModelSpec = { kind: 'measured', table: device.table, fitted: { pulseWidth: 1e-6, vThreshold: 0.75, rOn: 200, rOff: 1000 } };
 * populationToJSON(createPopulation(device.model, 1)).modelSpec?.fitted; // → spec.fitted (the table as base64)
 */
export interface MeasuredModelSpec {
  kind: 'measured';
  table: MeasuredStepTable;
  fitted: { pulseWidth: number; vThreshold: number; rOn: number; rOff: number };
}

const SPECS = new WeakMap<object, MeasuredModelSpec>();

/** The spec of a model built by {@link measuredDevice}, or null for any other model. @internal */
export function measuredModelSpec(model: unknown): MeasuredModelSpec | null {
  return typeof model === 'object' && model !== null ? (SPECS.get(model) ?? null) : null;
}

/**
 * Rebuilds a measured device model from its {@link MeasuredModelSpec} (checked: ascending finite node conductances,
 * one finite step per node, positive fitted values with rOn < rOff).
 *
 * @throws {InvalidParameterError} naming the first bad field.
 * @internal
 */
export function measuredModelFromSpec(where: string, spec: MeasuredModelSpec): DefinedModel<MeasuredParams> {
  const t = spec?.table;
  for (const [x, y] of [
    ['setConductance', 'setStep'],
    ['resetConductance', 'resetStep'],
  ] as const) {
    const gx = t?.[x];
    const gy = t?.[y];
    if (!(gx instanceof Float64Array) || gx.length === 0 || !(gy instanceof Float64Array) || gy.length !== gx.length)
      throw new InvalidParameterError({
        where,
        parameter: `modelSpec.table.${x}`,
        value: gx,
        expected: `a non-empty Float64Array with as many entries as table.${y}`,
      });
    for (let i = 0; i < gx.length; i++)
      if (!(Number.isFinite(gx[i]!) && Number.isFinite(gy[i]!) && (i === 0 || gx[i]! > gx[i - 1]!)))
        throw new InvalidParameterError({
          where,
          parameter: `modelSpec.table.${x}[${i}]`,
          value: gx[i],
          expected: 'finite, ascending node conductances with finite steps',
        });
  }
  const f = spec.fitted;
  for (const key of ['pulseWidth', 'vThreshold', 'rOn', 'rOff'] as const)
    rule.positive(where, `modelSpec.fitted.${key}`, f?.[key]);
  if (!(f.rOn < f.rOff))
    throw new InvalidParameterError({
      where,
      parameter: 'modelSpec.fitted.rOn',
      value: f.rOn,
      expected: `smaller than fitted.rOff (${f.rOff})`,
    });
  return measuredModel(
    {
      setConductance: t.setConductance.slice(),
      setStep: t.setStep.slice(),
      resetConductance: t.resetConductance.slice(),
      resetStep: t.resetStep.slice(),
    },
    { pulseWidth: f.pulseWidth, vThreshold: f.vThreshold, rOn: f.rOn, rOff: f.rOff },
  );
}
