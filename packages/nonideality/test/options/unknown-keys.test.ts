import { InvalidParameterError } from '@memsim/core';
import { Crossbar } from '@memsim/crossbar';
import { VTEAM } from '@memsim/devices';
import { describe, expect, it } from 'vitest';
import {
  cycleVariability,
  deviceFaults,
  finiteConductanceStates,
  nonLinear,
  pcmDrift,
  pcmReadNoiseStd,
  programmingNoise,
  scaleP0,
  selectFaults,
  snapToStates,
} from '../../src/index';

// Issue 20: every options boundary resolves through one typed schema: an unknown key is rejected naming it and every
// allowed key (the keys of the options interface, in its order).
const xbar = () => new Crossbar({ model: VTEAM, rows: 4, cols: 4 });
const cases: [string, () => unknown, string[]][] = [
  [
    'deviceFaults',
    () => deviceFaults(xbar(), { seed: 1, lrs: 0.1 } as never),
    ['lrsProportion', 'hrsProportion', 'electroformProportion', 'seed', 'rng'],
  ],
  [
    'selectFaults',
    () => selectFaults(4, { seed: 1, hrs: 0.1 } as never),
    ['lrsProportion', 'hrsProportion', 'electroformProportion', 'exclude', 'seed', 'rng'],
  ],
  [
    'finiteConductanceStates',
    () => finiteConductanceStates(xbar(), { states: 4, spaced: 'x' } as never),
    ['states', 'spacing'],
  ],
  [
    'snapToStates',
    () => snapToStates([1e-3], { gMin: 1e-4, gMax: 1e-2, states: 4, level: 1 } as never),
    ['gMin', 'gMax', 'states', 'spacing'],
  ],
  [
    'cycleVariability',
    () => cycleVariability(xbar(), { rOn: 100, rOff: 1e4, seed: 1, threshold: 3 } as never),
    ['rOn', 'rOff', 'resampleThreshold', 'seed', 'rng'],
  ],
  [
    'nonLinear',
    () => nonLinear(xbar(), { mode: 'simulate', amplitude: 1 } as never),
    ['mode', 'sweepDuration', 'sweepAmplitude', 'sweepFrequency', 'timeStep'],
  ],
  [
    'pcmDrift',
    () => pcmDrift(xbar(), { time: 1, seed: 1, tZero: 20 } as never),
    ['time', 't0', 'driftScale', 'nu', 'gMax', 'outOfRange', 'seed', 'rng'],
  ],
  [
    'programmingNoise',
    () => programmingNoise(xbar(), { model: 'pcm', seed: 1, sigma: 1 } as never),
    ['model', 'coefficients', 'expression', 'time', 'scale', 'gMax', 'outOfRange', 'seed', 'rng'],
  ],
  [
    'pcmReadNoiseStd',
    () => pcmReadNoiseStd(xbar(), { readTime: 1 } as never),
    ['time', 'tRead', 't0', 'scale', 'gMax'],
  ],
  [
    'scaleP0',
    () => scaleP0({ p0: 1, p1: 1, vStop: 0.25, vStopMin: 0, vStopMax: 1, vStopOptimal: 0.4, cell: 10 } as never),
    ['p0', 'p1', 'vStop', 'vStopMin', 'vStopMax', 'vStopOptimal', 'cellSize'],
  ],
];

describe('unknown option keys name the key and the allowed keys', () => {
  it.each(cases)('%s', (where, call, allowed) => {
    expect(call).toThrow(InvalidParameterError);
    const list = allowed.map((k) => `\`${k}\``).join(', ');
    expect(call).toThrow(
      new RegExp(
        `^${where}: unknown key \`\\w+\`.*[Aa]llowed keys are ${list.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.$`,
      ),
    );
  });
});

describe('defaults still apply when the option is absent', () => {
  it('scaleP0: cellSize defaults to 10 (same result as given)', () => {
    const base = { p0: 1, p1: 1, vStop: 0.25, vStopMin: 0, vStopMax: 1, vStopOptimal: 0.4 };
    expect(scaleP0(base)).toBe(scaleP0({ ...base, cellSize: 10 }));
    expect(scaleP0(base)).not.toBe(scaleP0({ ...base, cellSize: 9 }));
  });
  it('selectFaults: absent proportions are 0', () => {
    expect(selectFaults(50, { seed: 3 })).toEqual(
      selectFaults(50, { seed: 3, lrsProportion: 0, hrsProportion: 0, electroformProportion: 0 }),
    );
  });
  it('finiteConductanceStates: spacing defaults to conductance', () => {
    const a = xbar();
    const b = xbar();
    finiteConductanceStates(a, { states: 3 });
    finiteConductanceStates(b, { states: 3, spacing: 'conductance' });
    expect(Array.from(a.conductance)).toEqual(Array.from(b.conductance));
  });
});
