import { InvalidParameterError } from '@memsim/core';
import type { DeviceModel } from './device-population';

/**
 * Checks that `value` is a device model of this package (structural: it has `validate`, so a model from another copy
 * of the library passes). The one rule for "a device model" option, shared by `@memsim/crossbar` and
 * `@memsim/layers`; its signature is an option check of `@memsim/core` `resolveOptions`.
 *
 * @throws {InvalidParameterError} when it is not (the message names `where`, `parameter` and the value).
 * @example
 * import { VTEAM } from '@memsim/devices';
 * checkDeviceModel('initCrossbars', 'model', VTEAM).name; // → 'VTEAM'
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
