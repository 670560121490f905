import { InvalidParameterError } from '@memsim/core';
import { LinearIonDrift } from '../models/linear-ion-drift';
import { VTEAM } from '../models/vteam';
import type { DefinedModel } from './define-model';

const MODELS: readonly DefinedModel<any>[] = [LinearIonDrift, VTEAM];

/** The model of this package named `name`. */
export function findModel(where: string, name: unknown): DefinedModel<any> {
  const model = MODELS.find((m) => m.name === name);
  if (!model)
    throw new InvalidParameterError({ where, parameter: 'model', value: name, expected: `one of ${MODELS.map((m) => `'${m.name}'`).join(', ')}` });
  return model;
}
