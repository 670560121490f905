import { setMemoryLimit } from '@memsim/core';
import type { BoundaryCase, ExtremeCase } from '@memsim/core/testing';
import { formatFuzzTally, runBoundaryFuzz } from '@memsim/core/testing';
import { Crossbar, initCrossbars } from '@memsim/crossbar';
import { VTEAM } from '@memsim/devices';
import { afterAll, describe, expect, it } from 'vitest';
import {
  applyNonidealities,
  conductanceDrift,
  cycleVariability,
  deviceFaults,
  driftFactor,
  driftState,
  empiricalThreshold,
  endurance,
  enduranceRetentionResistance,
  finiteConductanceStates,
  globalDriftCompensation,
  nonLinear,
  pcmDrift,
  pcmReadNoiseStd,
  programmingNoise,
  restoreDriftState,
  retention,
  scaleP0,
  selectFaults,
  snapToStates,
} from '../../src/index';

// Issue 18: every public function of @memsim/nonideality, generated bad values per parameter slot (fast-check via
// @memsim/core/testing) must be a memsim error naming the parameter; valid extremes are finite or a memsim error.
const xbar = () => new Crossbar({ rows: 2, cols: 2, model: VTEAM });
const P = [1e3, 0.1, 0.5, 0.05] as const;
const DEGRADE = { mode: 'sudden' as const, pLrs: P, pHrs: P, stableResistanceLrs: 100, stableResistanceHrs: 16000 };
const EMP = { ...DEGRADE, x: 1e6 };
const END = { ...DEGRADE, cycles: 1e6 };
const crossbarFunctions: Record<string, (x: unknown) => unknown> = {
  finiteConductanceStates: (x) => finiteConductanceStates(x as never, { states: 4 }),
  deviceFaults: (x) => deviceFaults(x as never, { lrsProportion: 0.1, seed: 1 }),
  cycleVariability: (x) => cycleVariability(x as never, { rOn: 100, rOff: 16000, seed: 1 }),
  nonLinear: (x) => nonLinear(x as never),
  pcmDrift: (x) => pcmDrift(x as never, { time: 10, seed: 1 }),
  programmingNoise: (x) => programmingNoise(x as never, { model: 'pcm', seed: 1 }),
  pcmReadNoiseStd: (x) => pcmReadNoiseStd(x as never),
  driftState: (x) => driftState(x as never),
};

const cases: BoundaryCase[] = [
  ...Object.entries(crossbarFunctions).map(
    ([fn, f]): BoundaryCase => ({ fn, parameter: 'xbar|crossbar|target', kind: 'required', call: f }),
  ),
  {
    fn: 'finiteConductanceStates',
    parameter: 'states',
    kind: 'positiveInteger',
    call: (b) => finiteConductanceStates(xbar(), { states: b as number }),
  },
  {
    fn: 'finiteConductanceStates',
    parameter: 'spacing',
    kind: 'string',
    call: (b) => finiteConductanceStates(xbar(), { states: 4, spacing: b as never }),
  },
  {
    fn: 'deviceFaults',
    parameter: 'lrsProportion',
    kind: 'proportion',
    call: (b) => deviceFaults(xbar(), { lrsProportion: b as number, seed: 1 }),
  },
  {
    fn: 'deviceFaults',
    parameter: 'seed',
    kind: 'nonNegativeInteger',
    call: (b) => deviceFaults(xbar(), { lrsProportion: 0.1, seed: b as number }),
  },
  {
    fn: 'cycleVariability',
    parameter: 'rOn',
    kind: 'positive',
    call: (b) => cycleVariability(xbar(), { rOn: b as number, rOff: 16000, seed: 1 }),
  },
  { fn: 'nonLinear', parameter: 'mode', kind: 'string', call: (b) => nonLinear(xbar(), { mode: b as never }) },
  {
    fn: 'nonLinear',
    parameter: 'sweepDuration',
    kind: 'positive',
    call: (b) => nonLinear(xbar(), { mode: 'lookup', sweepDuration: b as number }),
  },
  {
    fn: 'endurance',
    parameter: 'cycles',
    kind: 'nonNegative',
    call: (b) => endurance(xbar(), { ...END, cycles: b as number }),
  },
  {
    fn: 'endurance',
    parameter: 'pLrs',
    kind: 'numericArray',
    call: (b) => endurance(xbar(), { ...END, pLrs: b as never }),
  },
  { fn: 'retention', parameter: 'options', kind: 'options', call: (b) => retention(xbar(), b as never) },
  {
    fn: 'pcmDrift',
    parameter: 'time',
    kind: 'nonNegative',
    call: (b) => pcmDrift(xbar(), { time: b as number, seed: 1 }),
  },
  {
    fn: 'programmingNoise',
    parameter: 'model',
    kind: 'string',
    call: (b) => programmingNoise(xbar(), { model: b as never, seed: 1 }),
  },
  {
    fn: 'programmingNoise',
    parameter: 'scale',
    kind: 'nonNegative',
    call: (b) => programmingNoise(xbar(), { model: 'pcm', scale: b as number, seed: 1 }),
  },
  {
    fn: 'pcmReadNoiseStd',
    parameter: 'time',
    kind: 'nonNegative',
    call: (b) => pcmReadNoiseStd(xbar(), { time: b as number }),
  },
  {
    fn: 'restoreDriftState',
    parameter: 'state',
    kind: 'options',
    call: (b) => restoreDriftState(xbar() as never, b as never),
  },
  {
    fn: 'applyNonidealities',
    parameter: 'target crossbar 0|target',
    kind: 'required',
    call: (b) => applyNonidealities(b as never, []),
  },
  {
    fn: 'applyNonidealities',
    parameter: 'list',
    kind: 'options',
    call: (b) => applyNonidealities(xbar() as never, b as never),
  },
  {
    fn: 'globalDriftCompensation',
    parameter: 'target',
    kind: 'required',
    call: (b) => globalDriftCompensation(b as never),
  },
  {
    fn: 'snapToStates',
    parameter: 'g',
    kind: 'numericArray',
    call: (b) => snapToStates(b as never, { gMin: 1e-6, gMax: 1e-3, states: 4 }),
  },
  {
    fn: 'snapToStates',
    parameter: 'states',
    kind: 'positiveInteger',
    call: (b) => snapToStates([1e-4], { gMin: 1e-6, gMax: 1e-3, states: b as number }),
  },
  {
    fn: 'snapToStates',
    parameter: 'gMin',
    kind: 'required',
    call: (b) => snapToStates([1e-4], { gMin: b as number, gMax: 1e300, states: 4 }),
  },
  {
    fn: 'conductanceDrift',
    parameter: 'g',
    kind: 'numericArray',
    call: (b) => conductanceDrift(b as never, { time: 10, initialTime: 1 }),
  },
  {
    fn: 'conductanceDrift',
    parameter: 'time',
    kind: 'positive',
    call: (b) => conductanceDrift([1e-4], { time: b as number, initialTime: 1e-300 }),
  },
  { fn: 'driftFactor', parameter: 'options', kind: 'options', call: (b) => driftFactor(b as never) },
  {
    fn: 'selectFaults',
    parameter: 'size',
    kind: 'nonNegativeInteger',
    call: (b) => selectFaults(b as number, { lrsProportion: 0.1, seed: 1 }),
  },
  {
    fn: 'selectFaults',
    parameter: 'hrsProportion',
    kind: 'proportion',
    call: (b) => selectFaults(10, { hrsProportion: b as number, seed: 1 }),
  },
  {
    fn: 'empiricalThreshold',
    parameter: 'p',
    kind: 'numericArray',
    call: (b) => empiricalThreshold(b as never, 10, 0.5),
  },
  {
    fn: 'empiricalThreshold',
    parameter: 'cellSize',
    kind: 'positive',
    call: (b) => empiricalThreshold(P, b as number, 0.5),
  },
  {
    fn: 'empiricalThreshold',
    parameter: 'temperatureConstant',
    kind: 'proportion',
    call: (b) => empiricalThreshold(P, 10, b as number),
  },
  {
    fn: 'enduranceRetentionResistance',
    parameter: 'resistance',
    kind: 'required',
    call: (b) => enduranceRetentionResistance(b as never, { ...EMP, boundaryResistance: 1000 }),
  },
  {
    fn: 'scaleP0',
    parameter: 'p0',
    kind: 'positive',
    call: (b) => scaleP0({ p0: b as number, p1: 1, vStop: 0.5, vStopMin: 0, vStopMax: 1, vStopOptimal: 0.4 }),
  },
  { fn: 'scaleP0', parameter: 'options', kind: 'options', call: (b) => scaleP0(b as never) },
];

const extremes: ExtremeCase[] = [
  { fn: 'conductanceDrift(1e300 s)', call: () => conductanceDrift([1e-4], { time: 1e300, initialTime: 1e-300 }) },
  { fn: 'empiricalThreshold(huge p1)', call: () => empiricalThreshold([1, 1e3, 0, 0], 10, 0) },
  {
    fn: 'scaleP0(p1·cellSize = 800)',
    call: () => scaleP0({ p0: 2, p1: 80, vStop: 0.9, vStopMin: 0, vStopMax: 1, vStopOptimal: 0.4 }),
  },
  {
    fn: 'scaleP0(span 2e308)',
    call: () => scaleP0({ p0: 2, p1: 0, vStop: 1e308, vStopMin: -1e308, vStopMax: 1e308, vStopOptimal: 0 }),
  },
  {
    fn: 'snapToStates(MAX range)',
    call: () => snapToStates([1], { gMin: 5e-324, gMax: Number.MAX_VALUE, states: 2 ** 40 }),
  },
  { fn: 'selectFaults(1e9)', call: () => selectFaults(1e9, { lrsProportion: 0.5, seed: 1 }) },
  { fn: 'pcmDrift(1e300 s)', call: () => pcmDrift(xbar(), { time: 1e300, seed: 1 }) },
  {
    fn: 'programmingNoise(scale 1e300)',
    call: () => programmingNoise(xbar(), { model: 'pcm', scale: 1e300, seed: 1 }),
  },
  {
    fn: 'endurance(cycles = 1e300)',
    call: () => endurance(xbar(), { ...END, cycles: 1e300 }),
  },
  {
    fn: 'globalDriftCompensation',
    call: () => globalDriftCompensation(initCrossbars({ rows: 2, cols: 2, data: [1, -1, 0.5, 0] }, { model: VTEAM })),
  },
];

describe('@memsim/nonideality fuzz: bad inputs are typed errors naming the parameter', () => {
  afterAll(() => setMemoryLimit(undefined));
  setMemoryLimit(256 * 1024 ** 2);
  const tally = runBoundaryFuzz(cases, extremes, { runs: 25 });
  it('no untyped, silent or non-finite outcome', () => {
    console.log(formatFuzzTally('@memsim/nonideality', tally));
    expect(tally.examples).toEqual([]);
    expect(tally.untyped + tally.silent + tally.nonFinite).toBe(0);
  });
});
