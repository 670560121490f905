import { InvalidParameterError } from '@memsim/core';
import { describe, expect, it } from 'vitest';
import { measuredDevice, measuredIV } from '../../src/index';

// Issue 20, "one options resolver": the measured-data readers resolve their options through one typed schema each: an
// unknown key and a bad value are rejected naming the parameter, before the data is read.
const pulses = [1, 2, 3, 4, 5, 4, 3, 2, 1].map((mS, pulse) => ({
  cycle: 0,
  pulse,
  polarity: pulse === 0 ? 0 : pulse <= 4 ? 1 : -1,
  conductance: mS * 1e-3,
}));
const iv = 'voltage,current\n-0.2,-2e-4\n0.1,1e-4\n0.2,2e-4\n';

const cases: [string, () => unknown, RegExp][] = [
  [
    'measuredDevice unknown key',
    () => measuredDevice(pulses, { spread: false, bin: 8 } as never),
    /^measuredDevice: unknown key `bin`; did you mean `bins`\?/,
  ],
  [
    'measuredDevice bins < 2',
    () => measuredDevice(pulses, { spread: false, bins: 1 }),
    /^measuredDevice: `bins` must be an integer ≥ 2/,
  ],
  [
    'measuredDevice bins not an integer',
    () => measuredDevice(pulses, { spread: false, bins: 2.5 }),
    /^measuredDevice: `bins` must be a positive integer/,
  ],
  [
    'measuredDevice file not a string',
    () => measuredDevice(pulses, { spread: false, file: 3 as never }),
    /^measuredDevice: `file` must be a file name/,
  ],
  [
    'measuredDevice spread not boolean',
    () => measuredDevice(pulses, { spread: 'no' as never }),
    /^measuredDevice: `spread`/,
  ],
  [
    'measuredDevice vThreshold ≤ 0',
    () => measuredDevice(pulses, { spread: false, vThreshold: 0 }),
    /^measuredDevice: `vThreshold`/,
  ],
  [
    'measuredIV unknown key',
    () => measuredIV(iv, { readvoltage: 0.1 } as never),
    /^measuredIV: unknown key `readvoltage`; did you mean `readVoltage`\?/,
  ],
  ['measuredIV readVoltage ≤ 0', () => measuredIV(iv, { readVoltage: -0.1 }), /^measuredIV: `readVoltage`/],
  [
    'measuredIV file not a string',
    () => measuredIV(iv, { file: null as never }),
    /^measuredIV: `file` must be a file name/,
  ],
];

describe('measured-data reader options', () => {
  it.each(cases)('%s', (_name, call, message) => {
    expect(call).toThrow(InvalidParameterError);
    expect(call).toThrow(message);
  });

  it('absent options take the documented defaults (same result as given)', () => {
    const given = { spread: false, bins: 64, pulseWidth: 1e-6, vThreshold: 0.75, file: 'data' };
    expect(measuredDevice(pulses, { spread: false }).table).toEqual(measuredDevice(pulses, given).table);
    expect(measuredIV(iv).readConductance).toBe(measuredIV(iv, { readVoltage: 0.1, file: 'data' }).readConductance);
  });
});
