import { InvalidParameterError } from '@memsim/core';
import { DataDriven } from '../models/data-driven';
import { DataDriven2021 } from '../models/data-driven-2021';
import { LinearIonDrift } from '../models/linear-ion-drift';
import { StanfordPKU } from '../models/stanford-pku';
import { VTEAM } from '../models/vteam';
import type { DefinedModel } from './define-model';

// biome-ignore lint/suspicious/noExplicitAny: the registry holds models of different parameter types.
const MODELS: readonly DefinedModel<any>[] = [LinearIonDrift, VTEAM, DataDriven, DataDriven2021, StanfordPKU];

/** The model of this package named `name`. */
// biome-ignore lint/suspicious/noExplicitAny: see MODELS.
export function findModel(where: string, name: unknown): DefinedModel<any> {
  const model = MODELS.find((m) => m.name === name);
  if (!model)
    throw new InvalidParameterError({
      where,
      parameter: 'model',
      value: name,
      expected: `one of ${MODELS.map((m) => `'${m.name}'`).join(', ')}`,
    });
  return model;
}
