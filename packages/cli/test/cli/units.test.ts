import { describe, expect, it } from 'vitest';
import { parseParams } from '../../src/commands/device';
import { parameterQuantity, parseQuantity } from '../../src/internal/quantity';
import { runCli, tempDir } from '../helpers';

// Issue 18 (design card libraries): unit-aware CLI values parsed by mathjs, converted to SI, never evaluated as code.
describe('unit-aware values', () => {
  it.each([
    ['1.5kohm', 'resistance', 1500],
    ['1.5 kΩ', 'resistance', 1500],
    ['16000', 'resistance', 16000],
    ['100ps', 'time', 1e-10],
    ['10 ms', 'time', 0.01],
    ['300mV', 'voltage', 0.3],
    ['2kHz', 'frequency', 2000],
  ] as const)('%s as a %s is %s in SI', (raw, q, si) => {
    expect(parseQuantity('device', '--x', raw, q)).toBeCloseTo(si, 12);
  });

  it.each([
    ['1.5kohm', 'time', /`--x` must be a time in s or with a unit, e.g. 100ps \('kohm' is not one\)/],
    ['5 bananas', 'voltage', /Unit "bananas" not found/],
    ['process.exit(1)', 'voltage', /must be a voltage/],
    ['', 'voltage', /must be a voltage/],
  ] as const)('%s as a %s is refused', (raw, q, re) => {
    expect(() => parseQuantity('device', '--x', raw, q)).toThrow(re);
  });

  it('--param converts by parameter name', () => {
    expect(parameterQuantity('rOn')).toBe('resistance');
    expect(parameterQuantity('timeSeriesResolution')).toBe('time');
    expect(parameterQuantity('vOff')).toBe('voltage');
    expect(parseParams('rOn=1.5kohm,rOff=16kohm,timeSeriesResolution=100ps')).toEqual({
      rOn: 1500,
      rOff: 16000,
      timeSeriesResolution: 1e-10,
    });
    expect(() => parseParams('rOn=2ms')).toThrow(/`--param rOn` must be a resistance/);
  });

  it('memsim device takes --param rOn=0.15kohm and --amplitude 1V like their SI numbers', async () => {
    const a = await runCli([
      'device',
      'VTEAM',
      '--param',
      'rOn=0.15kohm',
      '--amplitude',
      '1V',
      '--no-png',
      '--json',
      '--quiet',
      '--out',
      tempDir(),
    ]);
    const b = await runCli([
      'device',
      'VTEAM',
      '--param',
      'rOn=150',
      '--amplitude',
      '1',
      '--no-png',
      '--json',
      '--quiet',
      '--out',
      tempDir(),
    ]);
    expect(a.code, a.stderr).toBe(0);
    const strip = (s: string) => ({ ...JSON.parse(s), files: undefined });
    expect(strip(a.stdout)).toEqual(strip(b.stdout));
  });
});
