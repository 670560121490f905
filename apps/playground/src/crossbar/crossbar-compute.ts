import { createRng, type Matrix } from '@memsim/core';
import { initCrossbars, irDropReport, type MappedCrossbars, mvm } from '@memsim/crossbar';
import { flattenConvKernel } from '@memsim/layers';
import { normal, VTEAM } from '@memsim/devices';
import { applyNonidealities } from '@memsim/nonideality';
import type { ShippedModel } from '../network/shipped-model';
import { weightTensor } from '../network/shipped-model';

/** Weight sources of the crossbar lab: a seeded random matrix or a layer of the shipped CNN. */
export const WEIGHT_SOURCES = ['random', 'conv2d_Conv2D1', 'conv2d_Conv2D2', 'dense_Dense3', 'dense_Dense4'] as const;
export type WeightSource = (typeof WEIGHT_SOURCES)[number];

/** Everything the crossbar lab computes (and its URL state). SI units. */
export interface CrossbarSettings {
  source: WeightSource;
  /** Size of the random matrix (rows = inputs). */
  rows: number;
  cols: number;
  /** Square tile edge [cells]. */
  tile: number;
  /** VTEAM low/high resistance [Ω]. */
  rOn: number;
  rOff: number;
  /** Relative device-to-device σ of rOn and rOff (0 = off). */
  sigma: number;
  /** Finite conductance states (0 = continuous). */
  states: number;
  /** Proportions stuck at LRS and HRS. */
  lrs: number;
  hrs: number;
  /** Endurance: write cycles the devices went through (0 = off); see {@link ENDURANCE_MODEL}. */
  enduranceCycles: number;
  /** Retention: read time after programming [s] (0 = off); drift (t / 1 s)^−0.1. */
  retentionTime: number;
  /** ADC bits per tile column (0 = no ADC). */
  adcBits: number;
  /** Passive array wiring for the IR-drop map [Ω]. */
  sourceResistance: number;
  lineResistance: number;
  /** Input vector: all ones or seeded uniform in [0, 1). */
  input: 'ones' | 'random';
  seed: number;
}

/**
 * The lab's endurance model: the empirical metal-oxide RRAM model (Lammie, Rahimi Azghadi, Ielmini 2021) in gradual
 * mode with illustrative parameters (cell size 10, p1 = 0.1): past θ = 1 000·e ≈ 2 718 cycles LRS resistances grow and
 * HRS resistances shrink as (cycles/θ)^±0.1 — the memory window closes.
 */
export const ENDURANCE_MODEL = Object.freeze({
  mode: 'gradual' as const,
  pLrs: [1000, 0.1, 0, 0.1] as [number, number, number, number],
  pHrs: [1000, 0.1, 0, -0.1] as [number, number, number, number],
});

/** One heatmap panel: the first tile of G⁺ after a stage. */
export interface Stage {
  label: string;
  tile: Matrix<Float64Array>;
}

/** What the worker sends back. */
export interface CrossbarResult {
  rows: number;
  cols: number;
  stages: Stage[];
  /** Voltage across each device of the first tile of G⁺ as a passive circuit [V]. */
  irDrop: Matrix<Float64Array>;
  irDropMaxRelativeError: number;
  /** Ideal x·W and the hardware output (weight units), per output. */
  ideal: Float32Array;
  hardware: Float32Array;
  /** ‖hardware − ideal‖ / ‖ideal‖. */
  relativeError: number;
}

/** The weight matrix of a source (rows = inputs, cols = outputs), conv kernels flattened as the crossbar stores them. */
export function weightMatrix(s: CrossbarSettings, model: ShippedModel | null): Matrix<Float64Array> {
  if (s.source === 'random') {
    const rng = createRng(s.seed);
    const data = new Float64Array(s.rows * s.cols);
    for (let i = 0; i < data.length; i++) data[i] = rng.normal() * 0.5;
    return { rows: s.rows, cols: s.cols, data };
  }
  if (model === null) throw new Error('the shipped CNN is not loaded');
  const w = weightTensor(model, `${s.source}/kernel`);
  if (w.shape.length === 4) {
    // The tfjs kernel [kh, kw, c, o] with rows in its own (kh, kw, c) order: one group, as the lab's tiles show it.
    const [m] = flattenConvKernel(w.data, w.shape, { rowOrder: 'channels-last' });
    return { rows: m!.rows, cols: m!.cols, data: Float64Array.from(m!.data) };
  }
  return { rows: w.shape[0]!, cols: w.shape[1]!, data: Float64Array.from(w.data) };
}

function firstTile(m: { conductance: Float64Array; rows: number; cols: number }, t: number): Matrix<Float64Array> {
  const rows = Math.min(t, m.rows);
  const cols = Math.min(t, m.cols);
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) data[i * cols + j] = m.conductance[i * m.cols + j]!;
  return { rows, cols, data };
}

/**
 * Maps W onto VTEAM crossbars (double column, tiled), then applies the non-idealities one after another — device
 * variability (drawn at mapping), finite states, stuck faults, endurance, retention drift — keeping the first tile of G⁺ after
 * each; solves that tile as a passive circuit for the IR-drop map; and compares the tiled (+ ADC) MVM of the final
 * crossbars with the ideal x·W.
 */
export function computeCrossbar(s: CrossbarSettings, model: ShippedModel | null): CrossbarResult {
  const w = weightMatrix(s, model);
  const tileShape: [number, number] = [s.tile, s.tile];
  const stages: Stage[] = [];
  const base = { model: VTEAM, scheme: 'double-column' as const, tileShape, seed: s.seed };
  const ideal = initCrossbars(w, { ...base, params: { rOn: s.rOn, rOff: s.rOff } });
  stages.push({ label: 'mapped (ideal devices)', tile: firstTile(ideal.crossbars[0]!, s.tile) });
  let mapped: MappedCrossbars = ideal;
  if (s.sigma > 0) {
    mapped = initCrossbars(w, {
      ...base,
      params: {
        rOn: normal({ mean: s.rOn, std: s.sigma * s.rOn, min: s.rOn * 0.05 }),
        rOff: normal({ mean: s.rOff, std: s.sigma * s.rOff, min: s.rOn * 1.5 }),
      },
    });
    stages.push({ label: `variability σ = ${s.sigma}`, tile: firstTile(mapped.crossbars[0]!, s.tile) });
  }
  if (s.states > 0) {
    applyNonidealities(mapped.crossbars, [{ kind: 'finiteConductanceStates', states: s.states }]);
    stages.push({ label: `${s.states} conductance states`, tile: firstTile(mapped.crossbars[0]!, s.tile) });
  }
  if (s.lrs > 0 || s.hrs > 0) {
    applyNonidealities(mapped.crossbars, [
      { kind: 'deviceFaults', lrsProportion: s.lrs, hrsProportion: s.hrs, seed: s.seed + 7919 },
    ]);
    stages.push({ label: `stuck: ${s.lrs} LRS, ${s.hrs} HRS`, tile: firstTile(mapped.crossbars[0]!, s.tile) });
  }
  if (s.enduranceCycles > 0) {
    applyNonidealities(mapped.crossbars, [{ kind: 'endurance', cycles: s.enduranceCycles, ...ENDURANCE_MODEL }]);
    stages.push({ label: `endurance ${s.enduranceCycles} cycles`, tile: firstTile(mapped.crossbars[0]!, s.tile) });
  }
  if (s.retentionTime > 0) {
    applyNonidealities(mapped.crossbars, [
      { kind: 'retention', model: 'conductanceDrift', time: 1 + s.retentionTime, initialTime: 1 },
    ]);
    stages.push({ label: `retention ${s.retentionTime} s`, tile: firstTile(mapped.crossbars[0]!, s.tile) });
  }
  // Input vector (rows) in [0, 1]; the IR-drop map drives the first tile's word lines with its first entries [V].
  const x = new Float32Array(w.rows);
  const rng = createRng(s.seed + 1);
  for (let i = 0; i < x.length; i++) x[i] = s.input === 'ones' ? 1 : rng.uniform();
  const tileG = stages[stages.length - 1]!.tile;
  const report = irDropReport(tileG, Array.from(x.subarray(0, tileG.rows)), {
    sourceResistance: s.sourceResistance,
    lineResistance: s.lineResistance,
  });
  const idealOut = new Float32Array(w.cols);
  for (let i = 0; i < w.rows; i++) for (let j = 0; j < w.cols; j++) idealOut[j]! += x[i]! * w.data[i * w.cols + j]!;
  const hardware = mvm(x, 1, mapped, {
    mode: 'tiled',
    tileShape,
    ...(s.adcBits > 0 ? { adc: { bits: s.adcBits, overflowRate: 0, method: 'linear' as const } } : {}),
  });
  let num = 0;
  let den = 0;
  for (let j = 0; j < w.cols; j++) {
    num += (hardware[j]! - idealOut[j]!) ** 2;
    den += idealOut[j]! ** 2;
  }
  return {
    rows: w.rows,
    cols: w.cols,
    stages,
    irDrop: { rows: tileG.rows, cols: tileG.cols, data: report.cellVoltages },
    irDropMaxRelativeError: report.maxAbsRelativeError,
    ideal: idealOut,
    hardware,
    relativeError: Math.sqrt(num / (den || 1)),
  };
}
