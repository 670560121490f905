import { createRng, InvalidParameterError } from '@memsim/core';
import { Crossbar, initCrossbars } from '@memsim/crossbar';
import { VTEAM } from '@memsim/devices';
import { describe, expect, it } from 'vitest';
import {
  checkReadNoiseConfig,
  endurance,
  enduranceRetentionResistance,
  globalDriftCompensation,
  readNoiseFor,
  retention,
} from '../../src/index';

// Issue 20, "one options resolver": the boundaries converted from hand-written ladders and untyped key lists reject an
// unknown key and a bad value with an error that names the parameter (and the key list of the options interface).
const xbar = () => new Crossbar({ model: VTEAM, rows: 2, cols: 2 });
const sudden = {
  mode: 'sudden' as const,
  pLrs: [1, 0, 0, 0] as const,
  pHrs: [1, 0, 0, 0] as const,
  stableResistanceLrs: 100,
  stableResistanceHrs: 1000,
};
const mapped = () => initCrossbars({ rows: 2, cols: 1, data: [0.5, -1] }, { model: VTEAM });

// [boundary, call with an unknown key, the key, call with a bad value, the parameter named]
const cases: [string, () => unknown, string, () => unknown, string][] = [
  [
    'enduranceRetentionResistance',
    () => enduranceRetentionResistance([60], { ...sudden, x: 1, boundaryResistance: 525, cellsize: 10 } as never),
    'cellsize',
    () => enduranceRetentionResistance([60], { ...sudden, x: 1, boundaryResistance: 525, temperature: -1 }),
    'temperature',
  ],
  [
    'endurance',
    () => endurance(xbar(), { ...sudden, cycles: 1, x: 1 } as never),
    'x',
    () => endurance(xbar(), { ...sudden, cycles: 1, outOfRange: 'wrap' as never }),
    'outOfRange',
  ],
  [
    'retention',
    () => retention(xbar(), { model: 'enduranceRetention', ...sudden, time: 1, cycles: 1 } as never),
    'cycles',
    () => retention(xbar(), { model: 'enduranceRetention', ...sudden, time: 1, boundaryResistance: 0 }),
    'boundaryResistance',
  ],
  [
    'retention',
    () => retention(xbar(), { time: 10, mode: 'sudden' } as never),
    'mode',
    () => retention(xbar(), { time: 10, driftCoefficient: 2 }),
    'driftCoefficient',
  ],
  [
    'checkReadNoiseConfig',
    () => checkReadNoiseConfig('checkReadNoiseConfig', { model: 'gaussian', time: 1 }),
    'time',
    () => checkReadNoiseConfig('checkReadNoiseConfig', { model: 'gaussian', draw: 'batch' }),
    'readNoise.draw',
  ],
  [
    'checkReadNoiseConfig',
    () => checkReadNoiseConfig('checkReadNoiseConfig', { model: 'pcm', additive: 1 }),
    'additive',
    () => checkReadNoiseConfig('checkReadNoiseConfig', { model: 'pcm', tRead: 0 }),
    'readNoise.tRead',
  ],
  [
    'readNoiseFor',
    () => readNoiseFor(mapped(), { model: 'gaussian', sigma: 1 } as never, createRng(1)),
    'sigma',
    () => readNoiseFor(mapped(), { model: 'gaussian', relative: 0.1 }, Math.random as never),
    'rng',
  ],
  [
    'globalDriftCompensation',
    () => globalDriftCompensation(mapped(), { chunks: 4 } as never),
    'chunks',
    () => globalDriftCompensation(mapped(), { chunk: 0 }),
    'chunk',
  ],
  [
    'globalDriftCompensation',
    () => globalDriftCompensation(mapped(), { reader: () => new Float32Array(1) } as never),
    'reader',
    () => globalDriftCompensation(mapped(), { read: 'mvm' as never }),
    'read',
  ],
];

describe('converted option boundaries', () => {
  it.each(cases)('%s rejects an unknown key, naming it', (where, unknown, key) => {
    expect(unknown).toThrow(InvalidParameterError);
    expect(unknown).toThrow(new RegExp(`^${where}( readNoise)?: unknown key \`${key}\``));
  });
  it.each(cases)('%s rejects a bad value, naming the parameter', (where, _unknown, _key, bad, parameter) => {
    expect(bad).toThrow(InvalidParameterError);
    expect(bad).toThrow(new RegExp(`^${where}: \`${parameter.replace('.', '\\.')}\``));
  });

  it('sudden mode still requires both stable resistances, in the rule’s own words', () => {
    const { stableResistanceHrs: _, ...missing } = sudden;
    expect(() => enduranceRetentionResistance([60], { ...missing, x: 1, boundaryResistance: 525 })).toThrow(
      /`stableResistanceHrs` must be .*> 0.*undefined/,
    );
    // Gradual mode does not read them.
    const { stableResistanceLrs: _l, ...gradual } = { ...missing, mode: 'gradual' as const };
    expect(enduranceRetentionResistance([60], { ...gradual, x: 0.5, boundaryResistance: 525 }).lrsChanged).toBe(0);
  });

  it.each([
    [{ chunk: 1.5 }, /`chunk` must be a positive integer.*received 1\.5/],
    [{ chunk: '4' }, /`chunk` must be a positive integer/],
    [{ read: 1 }, /`read` must be a function \(input, batch\) => outputs in weight units; received 1/],
    [null, /`options` must be an options object/],
  ])('globalDriftCompensation rejects %j, naming the rule', (options, message) => {
    expect(() => globalDriftCompensation(mapped(), options as never)).toThrow(InvalidParameterError);
    expect(() => globalDriftCompensation(mapped(), options as never)).toThrow(message);
  });

  it('a read-noise config keeps only the keys given (absent stays absent)', () => {
    expect(checkReadNoiseConfig('f', { model: 'pcm', scale: 2 })).toEqual({ model: 'pcm', scale: 2 });
    expect(Object.isFrozen(checkReadNoiseConfig('f', { model: 'gaussian' }))).toBe(true);
  });
});
