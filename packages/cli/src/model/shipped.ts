import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvalidParameterError } from '@memsim/core';
import type { ArchitectureName } from './architectures';

/**
 * Directory of the trained weights shipped inside @memsim/cli (`models/{mlp,cnn}/model.json + weights.bin`),
 * found by walking up from this module (works from `src/` and from the bundled `dist/`).
 *
 * @throws {InvalidParameterError} when the package was installed without its `models` folder.
 * @example
 * shippedModelDirectory('cnn'); // → '…/@memsim/cli/models/mnist-cnn'
 */
export function shippedModelDirectory(name: ArchitectureName): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    const candidate = join(dir, 'models', name);
    if (existsSync(join(candidate, 'model.json'))) return candidate;
    dir = dirname(dir);
  }
  throw new InvalidParameterError({
    where: 'shippedModelDirectory',
    parameter: 'name',
    value: name,
    expected: 'a model shipped in @memsim/cli/models (run `memsim train --out <cli>/models`)',
  });
}
