import { setMemoryLimit } from '@memsim/core';
import type { BoundaryCase, ExtremeCase } from '@memsim/core/testing';
import { formatFuzzTally, runBoundaryFuzz } from '@memsim/core/testing';
import { afterAll, describe, expect, it } from 'vitest';
import {
  biolek,
  bipolarSwitching,
  clonePopulation,
  conductanceRange,
  createPopulation,
  DataDriven,
  DataDriven2021,
  fromMemTorch,
  hysteresisLoop,
  joglekar,
  LinearIonDrift,
  lognormal,
  meanParameter,
  Memristor,
  measuredDevice,
  measuredIV,
  memtorchJoglekar,
  memtorchProdromakis,
  normal,
  populationFromJSON,
  populationToJSON,
  prodromakis,
  pulseTrain,
  sampleCount,
  setPopulationParameter,
  sineSignal,
  StanfordPKU,
  triangleSignal,
  uniform,
  VTEAM,
} from '../../src/index';

// Issue 18: every public function of @memsim/devices, every parameter slot, generated bad values (fast-check via
// @memsim/core/testing): each must be a memsim error naming the parameter. Valid extremes: finite or memsim error.
const MODELS = [VTEAM, LinearIonDrift, DataDriven, DataDriven2021, StanfordPKU] as const;
const pop = () => createPopulation(VTEAM, 3);
const PULSES = 'cycle,pulse,polarity,conductance\n1,1,1,1e-4\n1,2,1,2e-4\n1,3,-1,1.5e-4\n1,4,-1,1e-4\n';
const IV = 'voltage,current\n-1,-1e-3\n-0.5,-4e-4\n0,0\n0.5,4e-4\n1,1e-3\n';

const cases: BoundaryCase[] = [
  // Window functions.
  ...(['joglekar', 'memtorchJoglekar'] as const).flatMap((fn): BoundaryCase[] => {
    const f = fn === 'joglekar' ? joglekar : memtorchJoglekar;
    return [
      { fn, parameter: 'x', kind: 'finite', call: (b) => f(b as number, 1) },
      { fn, parameter: 'p', kind: 'positive', call: (b) => f(0.5, b as number) },
    ];
  }),
  { fn: 'biolek', parameter: 'x', kind: 'finite', call: (b) => biolek(b as number, 1, 1) },
  { fn: 'biolek', parameter: 'p', kind: 'positive', call: (b) => biolek(0.5, b as number, 1) },
  { fn: 'biolek', parameter: 'i', kind: 'finite', call: (b) => biolek(0.5, 1, b as number) },
  ...(['prodromakis', 'memtorchProdromakis'] as const).flatMap((fn): BoundaryCase[] => {
    const f = fn === 'prodromakis' ? prodromakis : memtorchProdromakis;
    return [
      { fn, parameter: 'x', kind: 'finite', call: (b) => f(b as number, 1, 1) },
      { fn, parameter: 'p', kind: 'positive', call: (b) => f(0.5, b as number, 1) },
      { fn, parameter: 'j', kind: 'positive', call: (b) => f(0.5, 1, b as number) },
    ];
  }),
  // Models: validate, and the four kernel entries.
  ...MODELS.flatMap((m): BoundaryCase[] => {
    const model = m as typeof VTEAM;
    const own = () => createPopulation(model, 2);
    return [
      {
        fn: `${m.name}.validate`,
        parameter: 'rOn',
        kind: 'positive',
        call: (b) => model.validate({ rOn: b as number }),
      },
      {
        fn: `${m.name}.validate`,
        parameter: 'rOff',
        kind: 'positive',
        call: (b) => model.validate({ rOff: b as number }),
      },
      { fn: `${m.name}.validate`, parameter: 'options', kind: 'options', call: (b) => model.validate(b as never) },
      { fn: `${m.name}.step`, parameter: 'pop', kind: 'required', call: (b) => model.step(b as never, 0.1, 1e-9) },
      { fn: `${m.name}.step`, parameter: 'dt', kind: 'positive', call: (b) => model.step(own(), 0.1, b as number) },
      { fn: `${m.name}.step`, parameter: 'voltage', kind: 'finite', call: (b) => model.step(own(), b as number, 1e-9) },
      {
        fn: `${m.name}.current`,
        parameter: 'voltage',
        kind: 'finite',
        call: (b) => model.current(own(), b as number, new Float64Array(2)),
      },
      {
        fn: `${m.name}.current`,
        parameter: 'out',
        kind: 'options',
        call: (b) => model.current(own(), 0.1, b as never),
      },
      {
        fn: `${m.name}.conductance`,
        parameter: 'out',
        kind: 'options',
        call: (b) => model.conductance(own(), b as never),
      },
      {
        fn: `${m.name}.setConductance`,
        parameter: 'g',
        kind: 'positive',
        call: (b) => model.setConductance(own(), b as number),
      },
      {
        fn: `${m.name}.setConductance`,
        parameter: 'g',
        kind: 'numericArray',
        call: (b) => model.setConductance(own(), b as never),
      },
    ];
  }),
  // Populations.
  {
    fn: 'createPopulation',
    parameter: 'n',
    kind: 'positiveInteger',
    call: (b) => createPopulation(VTEAM, b as number),
  },
  { fn: 'createPopulation', parameter: 'model', kind: 'options', call: (b) => createPopulation(b as never, 2) },
  {
    fn: 'createPopulation',
    parameter: 'options',
    kind: 'options',
    call: (b) => createPopulation(VTEAM, 2, {}, b as never),
  },
  {
    fn: 'createPopulation',
    parameter: 'resampleThreshold',
    kind: 'nonNegativeInteger',
    call: (b) => createPopulation(VTEAM, 2, {}, { resampleThreshold: b as number }),
  },
  {
    fn: 'createPopulation',
    parameter: 'seed',
    kind: 'nonNegativeInteger',
    call: (b) => createPopulation(VTEAM, 2, {}, { seed: b as number }),
  },
  { fn: 'conductanceRange', parameter: 'pop', kind: 'required', call: (b) => conductanceRange(b as never) },
  { fn: 'clonePopulation', parameter: 'pop', kind: 'required', call: (b) => clonePopulation(b as never) },
  { fn: 'populationToJSON', parameter: 'pop', kind: 'required', call: (b) => populationToJSON(b as never) },
  { fn: 'populationFromJSON', parameter: 'json', kind: 'options', call: (b) => populationFromJSON(b as never) },
  {
    fn: 'setPopulationParameter',
    parameter: 'pop',
    kind: 'required',
    call: (b) => setPopulationParameter(b as never, 'rOn', 50),
  },
  {
    fn: 'setPopulationParameter',
    parameter: 'rOn|values',
    kind: 'positive',
    call: (b) => setPopulationParameter(pop(), 'rOn', b as number),
  },
  {
    fn: 'setPopulationParameter',
    parameter: 'name',
    kind: 'string',
    call: (b) => setPopulationParameter(pop(), b as string, 1),
  },
  { fn: 'meanParameter', parameter: 'name', kind: 'string', call: (b) => meanParameter({ rOn: 1 }, b as string) },
  // Stochastic parameters.
  { fn: 'normal', parameter: 'options', kind: 'options', call: (b) => normal(b as never) },
  { fn: 'normal', parameter: 'mean', kind: 'finite', call: (b) => normal({ mean: b as number, std: 1 }) },
  { fn: 'normal', parameter: 'std', kind: 'nonNegative', call: (b) => normal({ mean: 1, std: b as number }) },
  { fn: 'uniform', parameter: 'low', kind: 'finite', call: (b) => uniform({ low: b as number, high: 1e300 }) },
  { fn: 'uniform', parameter: 'high', kind: 'finite', call: (b) => uniform({ low: -1e300, high: b as number }) },
  { fn: 'lognormal', parameter: 'mean', kind: 'positive', call: (b) => lognormal({ mean: b as number, std: 1 }) },
  { fn: 'lognormal', parameter: 'std', kind: 'nonNegative', call: (b) => lognormal({ mean: 1, std: b as number }) },
  // Memristor and sweeps.
  { fn: 'Memristor', parameter: 'model', kind: 'options', call: (b) => new Memristor(b as never) },
  {
    fn: 'Memristor.simulate',
    parameter: 'voltages',
    kind: 'numericArray',
    call: (b) => new Memristor(VTEAM).simulate(b as never),
  },
  {
    fn: 'Memristor.simulate',
    parameter: 'dt',
    kind: 'positive',
    call: (b) => new Memristor(VTEAM).simulate([0.1], { dt: b as number }),
  },
  { fn: 'Memristor.current', parameter: 'v', kind: 'finite', call: (b) => new Memristor(VTEAM).current(b as number) },
  {
    fn: 'Memristor.setConductance',
    parameter: 'g',
    kind: 'positive',
    call: (b) => new Memristor(VTEAM).setConductance(b as number),
  },
  {
    fn: 'hysteresisLoop',
    parameter: 'duration',
    kind: 'positive',
    call: (b) => hysteresisLoop(VTEAM, { duration: b as number, dt: 1e-3 }),
  },
  {
    fn: 'hysteresisLoop',
    parameter: 'amplitude',
    kind: 'nonNegative',
    call: (b) => hysteresisLoop(VTEAM, { amplitude: b as number }),
  },
  { fn: 'hysteresisLoop', parameter: 'device', kind: 'required', call: (b) => hysteresisLoop(b as never) },
  {
    fn: 'bipolarSwitching',
    parameter: 'frequency',
    kind: 'positive',
    call: (b) => bipolarSwitching(VTEAM, { frequency: b as number, dt: 1e-3 }),
  },
  // Signals.
  {
    fn: 'triangleSignal',
    parameter: 'samples',
    kind: 'positiveInteger',
    call: (b) => triangleSignal({ amplitude: 1, samples: b as number }),
  },
  {
    fn: 'triangleSignal',
    parameter: 'amplitude',
    kind: 'nonNegative',
    call: (b) => triangleSignal({ amplitude: b as number, samples: 4 }),
  },
  { fn: 'triangleSignal', parameter: 'options', kind: 'required', call: (b) => triangleSignal(b as never) },
  {
    fn: 'sineSignal',
    parameter: 'dt',
    kind: 'positive',
    call: (b) => sineSignal({ duration: 1, amplitude: 1, frequency: 1, dt: b as number }),
  },
  {
    fn: 'sineSignal',
    parameter: 'frequency',
    kind: 'positive',
    call: (b) => sineSignal({ duration: 1, amplitude: 1, frequency: b as number, dt: 0.1 }),
  },
  {
    fn: 'pulseTrain',
    parameter: 'dt',
    kind: 'positive',
    call: (b) => pulseTrain({ amplitude: 1, pulseDuration: 1, dt: b as number }),
  },
  {
    fn: 'pulseTrain',
    parameter: 'count',
    kind: 'positiveInteger',
    call: (b) => pulseTrain({ amplitude: 1, count: b as number, pulseDuration: 1, dt: 1 }),
  },
  { fn: 'sampleCount', parameter: 'duration', kind: 'positive', call: (b) => sampleCount(b as number, 1) },
  // Measured devices and MemTorch parameters.
  { fn: 'measuredDevice', parameter: 'data', kind: 'required', call: (b) => measuredDevice(b as never) },
  {
    fn: 'measuredDevice',
    parameter: 'bins',
    kind: 'positiveInteger',
    call: (b) => measuredDevice(PULSES, { bins: b as number }),
  },
  {
    fn: 'measuredIV',
    parameter: 'readVoltage',
    kind: 'positive',
    call: (b) => measuredIV(IV, { readVoltage: b as number }),
  },
  { fn: 'fromMemTorch', parameter: 'params', kind: 'options', call: (b) => fromMemTorch(VTEAM, b as never) },
];

const extremes: ExtremeCase[] = [
  ...MODELS.flatMap((m): ExtremeCase[] =>
    [1e3, -1e3, 1e6, 1e300].map((v) => ({
      fn: `${m.name}.current(${v} V)`,
      call: () => {
        const p = createPopulation(m as typeof VTEAM, 1);
        const out = new Float64Array(1);
        m.current(p as never, v, out);
        return out;
      },
    })),
  ),
  ...MODELS.map(
    (m): ExtremeCase => ({
      fn: `${m.name} simulate at 100 V`,
      call: () => new Memristor(m as typeof VTEAM).simulate([100, -100, 100], { returnCurrent: true }),
    }),
  ),
  { fn: 'joglekar(1e300, 1e300)', call: () => joglekar(1e300, 1e300) },
  { fn: 'biolek(-1e300, 1e-300, 1)', call: () => biolek(-1e300, 1e-300, 1) },
  { fn: 'prodromakis(1e200, 1e200, 1e300)', call: () => prodromakis(1e200, 1e200, 1e300) },
  { fn: 'triangleSignal(MAX_VALUE)', call: () => triangleSignal({ amplitude: Number.MAX_VALUE, samples: 8 }) },
  { fn: 'sineSignal(1e300 V)', call: () => sineSignal({ duration: 1, amplitude: 1e300, frequency: 1e300, dt: 0.25 }) },
  { fn: 'createPopulation(1e9)', call: () => createPopulation(VTEAM, 1e9).size },
  { fn: 'normal extreme', call: () => normal({ mean: 1e308, std: 1e308 }).mean() },
  { fn: 'sampleCount(1e300, 1e-300)', call: () => sampleCount(1e300, 1e-300) },
];

describe('@memsim/devices fuzz: bad inputs are typed errors naming the parameter', () => {
  afterAll(() => setMemoryLimit(undefined));
  // A low limit keeps generated huge sizes from allocating (they must still fail by name).
  setMemoryLimit(256 * 1024 ** 2);
  const tally = runBoundaryFuzz(cases, extremes, { runs: 30 });

  it('no untyped, silent or non-finite outcome', () => {
    console.log(formatFuzzTally('@memsim/devices', tally));
    expect(tally.examples).toEqual([]);
    expect(tally.untyped + tally.silent + tally.nonFinite).toBe(0);
    expect(tally.calls).toBeGreaterThan(3000);
  });
});
