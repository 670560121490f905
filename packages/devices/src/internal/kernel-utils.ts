import { InvalidParameterError, NumericalError, ShapeMismatchError } from '@memsim/core';
import type { DevicePopulation } from '../population/device-population';

/**
 * O(1) checks of a kernel call (not per device): `dt` a finite number > 0 and a voltage array of the population's
 * length. Per-device voltage values are the caller's responsibility (checked by Memristor and the sweeps).
 */
export function checkStepCall(where: string, pop: DevicePopulation, voltage: number | Float64Array, dt: number): void {
  if (!(typeof dt === 'number' && dt > 0 && dt < Number.POSITIVE_INFINITY))
    throw new InvalidParameterError({ where, parameter: 'dt', value: dt, expected: 'a finite time step > 0 [s]' });
  checkVoltageCall(where, pop, voltage);
}

/** O(1) check of a voltage argument: a finite number or a Float64Array of length `pop.size`. */
export function checkVoltageCall(where: string, pop: DevicePopulation, voltage: number | Float64Array): void {
  if (typeof voltage === 'number') {
    if (!(voltage - voltage === 0))
      throw new InvalidParameterError({ where, parameter: 'voltage', value: voltage, expected: 'a finite number [V]' });
  } else if (!(voltage instanceof Float64Array) || voltage.length !== pop.size)
    throw new ShapeMismatchError({
      where,
      parameter: 'voltage',
      expectedShape: [pop.size],
      actualShape: [voltage instanceof Float64Array ? voltage.length : -1],
      detail: '(one voltage per device, as a Float64Array)',
    });
}

/** O(1) check of an output array. */
export function checkOut(where: string, pop: DevicePopulation, out: Float64Array, parameter = 'out'): void {
  if (!(out instanceof Float64Array) || out.length !== pop.size)
    throw new ShapeMismatchError({
      where,
      parameter,
      expectedShape: [pop.size],
      actualShape: [out instanceof Float64Array ? out.length : -1],
      detail: '(a Float64Array with one slot per device)',
    });
}

/** The NumericalError a kernel throws when a device's state stops being finite. */
export function blowUp(model: string, device: number, detail: string): NumericalError {
  return new NumericalError({ where: `${model}.step`, step: -1, detail: `device ${device}: ${detail}` });
}

/** The error a kernel throws for a non-finite per-device voltage (one compare per device, no per-device allocation). */
export function badVoltage(where: string, device: number, v: number): InvalidParameterError {
  return new InvalidParameterError({
    where,
    parameter: `voltage[${device}]`,
    value: v,
    expected: 'a finite number [V]',
  });
}

/** The NumericalError a current law throws when |I| overflows (a sinh/exp of a huge voltage), naming the device. */
export function currentOverflow(where: string, device: number, v: number, value: number): NumericalError {
  return new NumericalError({
    where,
    step: -1,
    detail: `device ${device}: the current overflowed to ${value} A at ${v} V (the current law's sinh/exp exceeds the double range)`,
  });
}
