import { InvalidParameterError } from '@memsim/core';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_QUANTIZE_OPTIONS,
  MAX_BITS,
  checkAdcConfig,
  checkDacConfig,
  quantize,
  quantizeInput,
} from '../../src/index';

// The one ADC/DAC rule set (issue 20): the limits agree with what quantize / quantizeInput accept.
describe('checkAdcConfig / checkDacConfig', () => {
  it('resolve the ADC defaults of quantize, frozen, without touching the input', () => {
    const given = { bits: 6 };
    const adc = checkAdcConfig('mvm', given);
    expect(adc).toEqual({ bits: 6, ...DEFAULT_QUANTIZE_OPTIONS });
    expect(Object.isFrozen(adc)).toBe(true);
    expect(given).toEqual({ bits: 6 });
  });

  it.each([0, MAX_BITS + 1, 2.5, Number.NaN, '8', undefined])(
    'ADC bits %o: rejected as quantize rejects it',
    (bits) => {
      expect(() => checkAdcConfig('mvm', { bits })).toThrow(InvalidParameterError);
      expect(() => checkAdcConfig('mvm', { bits })).toThrow(/^mvm: `adc.bits` must be/);
      expect(() => quantize(new Float64Array([0.1, 0.5]), { bits: bits as number })).toThrow(InvalidParameterError);
    },
  );

  it('ADC boundaries 1 and MAX_BITS are accepted (as quantize accepts them)', () => {
    for (const bits of [1, MAX_BITS]) {
      expect(checkAdcConfig('f', { bits }).bits).toBe(bits);
      expect(() => quantize(new Float64Array([0.1, 0.5]), { bits })).not.toThrow();
    }
  });

  it('unknown ADC / DAC keys name the key and every allowed key; the prefix follows `parameter`', () => {
    expect(() => checkAdcConfig('mvm', { bits: 8, overflow: 0.1 })).toThrow(
      /^mvm adc: unknown key `overflow`.*`bits`, `overflowRate`, `method`/,
    );
    expect(() => checkDacConfig('patchModel', { bits: 4, range: 1, rnage: 1 }, 'readout.dac')).toThrow(
      /^patchModel readout.dac: unknown key `rnage`.*`bits`, `range`/,
    );
  });

  it.each([1, 54, 2.5, undefined])('DAC bits %o: rejected by both the shared rule and quantizeInput', (bits) => {
    expect(() => checkDacConfig('mvm', { bits, range: 1 })).toThrow(/`dac.bits`/);
    expect(() => quantizeInput(new Float64Array([0.1]), { bits: bits as number, range: 1 })).toThrow(/`bits`/);
  });

  it('DAC boundaries 2 and 53 are accepted by both', () => {
    for (const bits of [2, 53]) {
      expect(checkDacConfig('mvm', { bits, range: 1 })).toEqual({ bits, range: 1 });
      expect(() => quantizeInput(new Float64Array([0.1]), { bits, range: 1 })).not.toThrow();
    }
  });

  it.each([null, 8, 'adc', [8]])('a non-object config %o is a typed error', (bad) => {
    expect(() => checkAdcConfig('mvm', bad)).toThrow(/`adc` must be an ADC config/);
    expect(() => checkDacConfig('mvm', bad)).toThrow(/`dac` must be a DAC config/);
  });
});
