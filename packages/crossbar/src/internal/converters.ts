import {
  InvalidParameterError,
  checkInRange,
  checkKnownKeys,
  checkOneOf,
  checkPositiveInteger,
  checkPositiveNumber,
  checkProportion,
} from '@memsim/core';
import { MAX_BITS, QUANT_METHODS, quantize, quantizeInput } from '@memsim/quantize';
import type { AdcConfig, DacConfig } from '@memsim/quantize';
import type { Converter } from '../mvm/tiled-kernel';

/**
 * Checks an ADC configuration and returns a resolved, frozen copy (`overflowRate` 0 and `method` 'linear' by default).
 *
 * @throws {InvalidParameterError} when it is not an object, has no positive-integer `bits`, an unknown `method`, or `overflowRate` outside [0, 1].
 */
export function checkAdc(where: string, adc: unknown): Readonly<Required<AdcConfig>> {
  if (typeof adc !== 'object' || adc === null || Array.isArray(adc))
    throw new InvalidParameterError({
      where,
      parameter: 'adc',
      value: adc,
      expected: 'an ADC config { bits, overflowRate?, method? }',
    });
  checkKnownKeys(`${where} adc`, adc, ['bits', 'overflowRate', 'method']);
  const a = adc as AdcConfig;
  return Object.freeze({
    // quantize's own limit (a double has 53 significand bits), checked here so mvm fails before any work.
    bits: checkInRange(where, 'adc.bits', checkPositiveInteger(where, 'adc.bits', a.bits), 1, MAX_BITS),
    overflowRate: a.overflowRate === undefined ? 0 : checkProportion(where, 'adc.overflowRate', a.overflowRate),
    method: a.method === undefined ? 'linear' : checkOneOf(where, 'adc.method', a.method, QUANT_METHODS),
  });
}

/**
 * Checks a DAC configuration `{ bits, range }` and returns a frozen copy.
 *
 * @throws {InvalidParameterError} when it is not an object, `bits` is not an integer ≥ 2 (a symmetric DAC with a zero
 * level needs two bits, as `quantizeInput` requires) or `range` is not > 0.
 */
export function checkDac(where: string, dac: unknown): Readonly<DacConfig> {
  if (typeof dac !== 'object' || dac === null || Array.isArray(dac))
    throw new InvalidParameterError({ where, parameter: 'dac', value: dac, expected: 'a DAC config { bits, range }' });
  checkKnownKeys(`${where} dac`, dac, ['bits', 'range']);
  const d = dac as DacConfig;
  return Object.freeze({
    bits: checkDacBits(where, d.bits),
    range: checkPositiveNumber(where, 'dac.range', d.range),
  });
}

function checkDacBits(where: string, bits: unknown): number {
  if (typeof bits !== 'number' || !Number.isInteger(bits) || bits < 2)
    throw new InvalidParameterError({ where, parameter: 'dac.bits', value: bits, expected: 'an integer >= 2' });
  return bits;
}

/**
 * The converter of a checked ADC config (input untouched). It writes into `out` when given, or returns a new array;
 * use the returned array.
 */
export function adcConverter(adc: Readonly<Required<AdcConfig>>): Converter {
  // One ADC implementation (@memsim/quantize); `out` keeps the per-tile loop free of allocations.
  const convert = (x: Float32Array, out?: Float32Array) =>
    out === undefined ? quantize(x, adc) : quantize(x, adc, out);
  // The tile loop fuses the plain linear ADC (fused-linear-adc.ts, bit-identical); up to 23 bits (wider codes take quantize's fround loop).
  return adc.method === 'linear' && adc.overflowRate === 0 && adc.bits <= 23
    ? Object.assign(convert, { linearBits: adc.bits })
    : convert;
}

/** Applies a checked DAC config to voltages (returns a new array). */
export function applyDac(v: Float32Array, dac: Readonly<DacConfig>): Float32Array {
  return quantizeInput(v, dac);
}
