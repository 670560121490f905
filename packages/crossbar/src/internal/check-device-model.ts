import { InvalidParameterError } from '@memsim/core';
import type { DeviceModel } from '@memsim/devices';

/**
 * Checks that `value` is a device model of `@memsim/devices` (structural: it has `validate`, so a model from another
 * copy of the library passes).
 *
 * @throws {InvalidParameterError} when it is not.
 */
export function checkDeviceModel(where: string, parameter: string, value: unknown): DeviceModel<any> {
  const model = value as DeviceModel<any> | null;
  if (typeof model !== 'object' || model === null || typeof model.validate !== 'function')
    throw new InvalidParameterError({
      where,
      parameter,
      value,
      expected: 'a DeviceModel of @memsim/devices (e.g. VTEAM)',
    });
  return model;
}
