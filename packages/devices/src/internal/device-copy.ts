import { InvalidParameterError } from '@memsim/core';
import { Memristor } from '../memristor/memristor';
import { clonePopulation } from '../population/clone-population';
import type { DeviceModel, DevicePopulation } from '../population/device-population';

/** A private copy of `device` (a Memristor), or a fresh default device when given a model. */
export function deviceCopy<P>(where: string, device: Memristor<P> | DeviceModel<P>): Memristor<P> {
  // Duck-typed (not instanceof), so a Memristor from another copy of this package works too.
  const population = (device as { population?: DevicePopulation } | null)?.population;
  if (
    typeof (device as { simulate?: unknown } | null)?.simulate === 'function' &&
    typeof population === 'object' &&
    population !== null
  )
    return Memristor.fromPopulation<P>(clonePopulation(population));
  if (typeof device === 'object' && device !== null && 'step' in device && 'defaults' in device)
    return new Memristor<P>(device);
  throw new InvalidParameterError({
    where,
    parameter: 'device',
    value: device,
    expected: 'a Memristor or a device model',
  });
}
