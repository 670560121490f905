import { InvalidParameterError } from '@memsim/core';
import { Memristor } from '../memristor/memristor';
import { clonePopulation } from '../population/clone-population';
import type { DeviceModel } from '../population/device-population';

/** A private copy of `device` (a Memristor), or a fresh default device when given a model. */
export function deviceCopy(where: string, device: Memristor<any> | DeviceModel<any>): Memristor<any> {
  if (device instanceof Memristor) return Memristor.fromPopulation(clonePopulation(device.population));
  if (typeof device === 'object' && device !== null && 'step' in device && 'defaults' in device) return new Memristor(device);
  throw new InvalidParameterError({ where, parameter: 'device', value: device, expected: 'a Memristor or a device model' });
}
