import { setMemoryLimit } from '@memsim/core';
import type { BoundaryCase, ExtremeCase } from '@memsim/core/testing';
import { formatFuzzTally, runBoundaryFuzz } from '@memsim/core/testing';
import { DataDriven, VTEAM } from '@memsim/devices';
import { afterAll, describe, expect, it } from 'vitest';
import {
  Crossbar,
  factorPassive,
  gemm,
  initCrossbars,
  irDropReport,
  mvm,
  passiveCurrents,
  program,
  programmingSignal,
  solvePassive,
  tiledMatmul,
  tileMatrix,
} from '../../src/index';

// Issue 18: every public function of @memsim/crossbar, generated bad values per parameter slot (fast-check via
// @memsim/core/testing) must be a memsim error naming the parameter; valid extremes are finite or a memsim error.
const W = { rows: 2, cols: 2, data: [0.5, -1, 0.25, 0] };
const G = { rows: 2, cols: 2, data: [1e-4, 2e-4, 3e-4, 4e-4] };
const R = { sourceResistance: 1, lineResistance: 1 };
const mapped = () => initCrossbars(W, { model: VTEAM });
const x2 = new Float32Array([0.1, 0.2]);
const f32 = (n: number) => new Float32Array(n).fill(1);

const cases: BoundaryCase[] = [
  { fn: 'Crossbar', parameter: 'options', kind: 'options', call: (b) => new Crossbar(b as never) },
  {
    fn: 'Crossbar',
    parameter: 'rows',
    kind: 'positiveInteger',
    call: (b) => new Crossbar({ rows: b as number, cols: 2, model: VTEAM }),
  },
  {
    fn: 'Crossbar',
    parameter: 'cols',
    kind: 'positiveInteger',
    call: (b) => new Crossbar({ rows: 2, cols: b as number, model: VTEAM }),
  },
  {
    fn: 'Crossbar',
    parameter: 'model',
    kind: 'required',
    call: (b) => new Crossbar({ rows: 2, cols: 2, model: b as never }),
  },
  {
    fn: 'Crossbar.write',
    parameter: 'G|conductance',
    kind: 'numericArray',
    call: (b) => new Crossbar({ rows: 2, cols: 2, model: VTEAM }).write(b as never),
  },
  {
    fn: 'initCrossbars',
    parameter: 'weights',
    kind: 'options',
    call: (b) => initCrossbars(b as never, { model: VTEAM }),
  },
  { fn: 'initCrossbars', parameter: 'options', kind: 'options', call: (b) => initCrossbars(W, b as never) },
  { fn: 'mvm', parameter: 'input', kind: 'numericArray', call: (b) => mvm(b as never, 1, mapped(), { mode: 'ideal' }) },
  {
    fn: 'mvm',
    parameter: 'batch',
    kind: 'positiveInteger',
    call: (b) => mvm(x2, b as number, mapped(), { mode: 'ideal' }),
  },
  { fn: 'mvm', parameter: 'target', kind: 'required', call: (b) => mvm(x2, 1, b as never, { mode: 'ideal' }) },
  { fn: 'mvm', parameter: 'mode', kind: 'string', call: (b) => mvm(x2, 1, mapped(), { mode: b as never }) },
  {
    fn: 'mvm',
    parameter: 'adc',
    kind: 'options',
    call: (b) => mvm(x2, 1, mapped(), { mode: 'ideal', adc: b as never }),
  },
  {
    fn: 'mvm',
    parameter: 'adc.bits',
    kind: 'positiveInteger',
    call: (b) => mvm(x2, 1, mapped(), { mode: 'ideal', adc: { bits: b as number } }),
  },
  {
    fn: 'mvm',
    parameter: 'maxInputVoltage',
    kind: 'positive',
    call: (b) => mvm(x2, 1, mapped(), { mode: 'ideal', maxInputVoltage: b as number }),
  },
  { fn: 'gemm', parameter: 'a', kind: 'numericArray', call: (b) => gemm(b as never, f32(4), { m: 2, k: 2, n: 2 }) },
  {
    fn: 'gemm',
    parameter: 'shape.m',
    kind: 'positiveInteger',
    call: (b) => gemm(f32(4), f32(4), { m: b as number, k: 2, n: 2 }),
  },
  {
    fn: 'gemm',
    parameter: 'shape.k',
    kind: 'positiveInteger',
    call: (b) => gemm(f32(4), f32(4), { m: 2, k: b as number, n: 2 }),
  },
  {
    fn: 'gemm',
    parameter: 'threads',
    kind: 'positiveInteger',
    call: (b) => gemm(f32(4), f32(4), { m: 2, k: 2, n: 2 }, { threads: b as number }),
  },
  { fn: 'solvePassive', parameter: 'G', kind: 'options', call: (b) => solvePassive(b as never, [1, 1], [0, 0], R) },
  {
    fn: 'solvePassive',
    parameter: 'vWordLines',
    kind: 'numericArray',
    call: (b) => solvePassive(G, b as never, [0, 0], R),
  },
  {
    fn: 'solvePassive',
    parameter: 'sourceResistance',
    kind: 'nonNegative',
    call: (b) => solvePassive(G, [1, 1], [0, 0], { ...R, sourceResistance: b as number }),
  },
  {
    fn: 'factorPassive',
    parameter: 'lineResistance',
    kind: 'nonNegative',
    call: (b) => factorPassive(G, { ...R, lineResistance: b as number }),
  },
  {
    fn: 'passiveCurrents',
    parameter: 'crossbar',
    kind: 'options',
    call: (b) => passiveCurrents(b as never, [1, 1], 1, R),
  },
  { fn: 'irDropReport', parameter: 'voltages', kind: 'numericArray', call: (b) => irDropReport(G, b as never, R) },
  {
    fn: 'tileMatrix',
    parameter: 'matrix',
    kind: 'options',
    call: (b) => tileMatrix(b as never, { tileShape: [1, 1] }),
  },
  { fn: 'tileMatrix', parameter: 'tileShape', kind: 'required', call: (b) => tileMatrix(W, { tileShape: b as never }) },
  {
    fn: 'tiledMatmul',
    parameter: 'batch',
    kind: 'positiveInteger',
    call: (b) => tiledMatmul(x2, b as number, W, { tileShape: [1, 1] }),
  },
  {
    fn: 'programmingSignal',
    parameter: 'pulses',
    kind: 'positiveInteger',
    call: (b) => programmingSignal({ pulses: b as number, pulseDuration: 1e-9, voltage: 1, dt: 1e-10 }),
  },
  {
    fn: 'programmingSignal',
    parameter: 'dt',
    kind: 'positive',
    call: (b) => programmingSignal({ pulses: 1, pulseDuration: 1e-9, voltage: 1, dt: b as number }),
  },
  {
    fn: 'program',
    parameter: 'crossbar',
    kind: 'required',
    call: (b) => program(b as never, [1e-4, 1e-4, 1e-4, 1e-4]),
  },
  {
    fn: 'program',
    parameter: 'target|G',
    kind: 'numericArray',
    call: (b) => program(new Crossbar({ rows: 2, cols: 2, model: VTEAM }), b as never),
  },
];

const extremes: ExtremeCase[] = [
  {
    fn: 'gemm(1e19 entries)',
    call: () => gemm(new Float32Array(16).fill(1e19), new Float32Array(16).fill(1e19), { m: 4, k: 4, n: 4 }),
  },
  {
    fn: 'gemm(float32 max)',
    call: () => gemm(new Float32Array([3.4e38]), new Float32Array([1]), { m: 1, k: 1, n: 1 }),
  },
  ...(['ideal', 'tiled', 'nonlinear', 'passive'] as const).map(
    (mode): ExtremeCase => ({
      fn: `mvm ${mode} at 100 V (DataDriven)`,
      call: () =>
        mvm(new Float32Array([100, -100]), 1, initCrossbars(W, { model: DataDriven, tileShape: [2, 2] }), {
          mode,
          ...(mode === 'passive' ? R : {}),
        }),
    }),
  ),
  { fn: 'mvm ideal at 1e30 V', call: () => mvm(new Float32Array([1e30, 1e30]), 1, mapped(), { mode: 'ideal' }) },
  { fn: 'new Crossbar 1e9 cells', call: () => new Crossbar({ rows: 31623, cols: 31623, model: VTEAM }).rows },
  { fn: 'solvePassive(1e300 V)', call: () => solvePassive(G, [1e300, 1e300], [0, 0], R) },
  {
    fn: 'tiledMatmul(1e30)',
    call: () =>
      tiledMatmul(
        new Float32Array([1e30, 1e30]),
        1,
        { rows: 2, cols: 2, data: [1e30, 1e30, 1e30, 1e30] },
        { tileShape: [1, 1] },
      ),
  },
];

describe('@memsim/crossbar fuzz: bad inputs are typed errors naming the parameter', () => {
  afterAll(() => setMemoryLimit(undefined));
  setMemoryLimit(256 * 1024 ** 2);
  const tally = runBoundaryFuzz(cases, extremes, { runs: 20 });
  it('no untyped, silent or non-finite outcome', () => {
    console.log(formatFuzzTally('@memsim/crossbar', tally));
    expect(tally.examples).toEqual([]);
    expect(tally.untyped + tally.silent + tally.nonFinite).toBe(0);
  });
});
