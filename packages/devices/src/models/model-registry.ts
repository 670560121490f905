import { InvalidParameterError } from '@memsim/core';
import type { DefinedModel } from '../internal/define-model';
import type { DeviceModel } from '../population/device-population';
import { DataDriven } from './data-driven';
import { DataDriven2021 } from './data-driven-2021';
import { LinearIonDrift } from './linear-ion-drift';
import { StanfordPKU } from './stanford-pku';
import { VTEAM } from './vteam';

/**
 * Name of a device model of this package (the model's `name`).
 *
 * @example
 * const name: DeviceModelName = 'VTEAM';
 * DEVICE_MODELS[name].defaults.rOn; // → 50
 */
export type DeviceModelName = 'VTEAM' | 'LinearIonDrift' | 'DataDriven' | 'DataDriven2021' | 'StanfordPKU';

/**
 * Every device model of this package by name: the model (it builds populations and devices) with its parameter
 * defaults (`DEVICE_MODELS.VTEAM.defaults`). The one list of models: loading a saved population and the CLI's
 * `--model` look names up here, so a model added to the package is known everywhere at once.
 *
 * @example
 * Object.keys(DEVICE_MODELS); // → ['VTEAM', 'LinearIonDrift', 'DataDriven', 'DataDriven2021', 'StanfordPKU']
 * DEVICE_MODELS.VTEAM.defaults.rOff; // → 1000
 */
// biome-ignore lint/suspicious/noExplicitAny: the registry holds models of different parameter types.
export const DEVICE_MODELS: Readonly<Record<DeviceModelName, DeviceModel<any>>> = Object.freeze({
  VTEAM,
  LinearIonDrift,
  DataDriven,
  DataDriven2021,
  StanfordPKU,
});

/**
 * The model of this package named `name` (exact name).
 *
 * @throws {InvalidParameterError} naming `model` and the known names when there is none.
 */
// biome-ignore lint/suspicious/noExplicitAny: see DEVICE_MODELS.
export function findModel(where: string, name: unknown): DefinedModel<any> {
  const model = typeof name === 'string' ? (DEVICE_MODELS as Record<string, unknown>)[name] : undefined;
  if (model === undefined || !Object.hasOwn(DEVICE_MODELS, name as string))
    throw new InvalidParameterError({
      where,
      parameter: 'model',
      value: name,
      expected: `one of ${Object.keys(DEVICE_MODELS)
        .map((m) => `'${m}'`)
        .join(', ')}`,
    });
  // biome-ignore lint/suspicious/noExplicitAny: every registered model is built by defineModel.
  return model as DefinedModel<any>;
}
