import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { InvalidParameterError } from '@memsim/core';
import type { Dataset } from '../data/dataset';
import type { tf } from '../tf/backend';
import { loadModelFile, modelWeightsFile } from './load-model-file';
import { ARCHITECTURE_NAMES, type ArchitectureName } from './architectures';
import { shippedModelDirectory } from './shipped';

/**
 * A trained network ready for experiments.
 *
 * @example
 * const network: Network = await loadNetwork({ arch: 'mlp' });
 * network.label; // → 'mlp' (written in result files); network.dir: the shipped model's folder
 * network.model.outputs[0].shape; // → [null, 10]
 */
export interface Network {
  /** `mlp`, `cnn`, or the model directory's name plus 8 hex digits of its weights' SHA-1. */
  label: string;
  dir: string;
  model: tf.LayersModel;
}

/**
 * Loads a trained network: the shipped `mlp` / `cnn`, a directory saved by `memsim train` or an ONNX file (`model`).
 * Checks that the data matches the network's input and output sizes.
 *
 * @throws {InvalidParameterError} for an unknown architecture, an unreadable model, or data of the wrong shape.
 * @example
 * const network = await loadNetwork({ arch: 'mlp' }); // the shipped MNIST MLP, with its name for result files
 */
export async function loadNetwork(
  options: { arch?: string; model?: string },
  data?: Pick<Dataset, 'features' | 'classes' | 'name'>,
): Promise<Network> {
  let dir: string;
  let label: string;
  if (options.model !== undefined) {
    dir = options.model;
    // Name plus a hash of the weights: results of different models never share a CSV.
    let hash = 'unreadable';
    try {
      hash = createHash('sha1')
        .update(readFileSync(modelWeightsFile(dir)))
        .digest('hex')
        .slice(0, 8);
    } catch {
      // loadModel below reports the unreadable directory
    }
    label = `${(basename(dir.replace(/\/+$/, '')).replace(/\.onnx$/i, '') || 'model').replace(/[^A-Za-z0-9_.-]/g, '_')}-${hash}`;
  } else {
    const arch = options.arch ?? 'cnn';
    if (!ARCHITECTURE_NAMES.includes(arch as ArchitectureName))
      throw new InvalidParameterError({
        where: 'memsim',
        parameter: '--arch',
        value: arch,
        expected: `one of ${ARCHITECTURE_NAMES.join(', ')} (or --model DIR)`,
      });
    dir = shippedModelDirectory(arch as ArchitectureName);
    label = arch;
  }
  const model = await loadModelFile(dir);
  if (data !== undefined) {
    const inShape = (model.inputs[0]?.shape ?? []).slice(1) as number[];
    const inFeatures = inShape.reduce((a, b) => a * (b ?? 1), 1);
    const outUnits = (model.outputs[0]?.shape ?? []).at(-1) as number;
    if (inFeatures !== data.features || outUnits < data.classes)
      throw new InvalidParameterError({
        where: 'memsim',
        parameter: '--data',
        value: `${data.name} (${data.features} features, ${data.classes} classes)`,
        expected: `data matching the network ${label} (${inFeatures} features, ${outUnits} classes); train one with \`memsim train --data PATH --out DIR\` and pass --model DIR/mlp`,
      });
  }
  return { label, dir, model };
}
