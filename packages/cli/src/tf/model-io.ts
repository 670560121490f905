import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadModelFromDirectory } from '@memsim/layers/node';
import { tf } from './backend';

/**
 * A TensorFlow.js IOHandler that writes `model.json` and `weights.bin` into a directory (tfjs-node's `file://`
 * handler cannot be installed here).
 */
export function fileSaveHandler(dir: string): tf.io.IOHandler {
  return {
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      mkdirSync(dir, { recursive: true });
      const weights =
        artifacts.weightData === undefined ? new ArrayBuffer(0) : tf.io.CompositeArrayBuffer.join(artifacts.weightData);
      const json = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        trainingConfig: artifacts.trainingConfig,
        userDefinedMetadata: artifacts.userDefinedMetadata,
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs ?? [] }],
      };
      writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
      writeFileSync(join(dir, 'weights.bin'), new Uint8Array(weights));
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    },
  };
}

/**
 * Saves a Layers model to `dir/model.json` + `dir/weights.bin`.
 *
 * @example
 * import { mkdtempSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * const dir = mkdtempSync(join(tmpdir(), 'memsim-model-'));
 * await saveModel(buildModel('mlp', { inputShape: [28, 28, 1], classes: 10, seed: 1 }), dir); // model.json + weights.bin
 */
export async function saveModel(model: tf.LayersModel, dir: string): Promise<void> {
  await model.save(fileSaveHandler(dir));
}

/**
 * Loads a Layers model folder: one saved by {@link saveModel} or the standard converter output with sharded weights
 * (`group1-shard1of3.bin`, …), through `loadModelFromDirectory` of `@memsim/layers/node`.
 *
 * @throws {InvalidParameterError} when the directory has no readable model or a weight path leaves it.
 * @example
 * const model = await loadModel(shippedModelDirectory('mlp')); // the MNIST MLP shipped with the package
 * model.outputs[0]!.shape; // → [null, 10]
 */
export async function loadModel(dir: string): Promise<tf.LayersModel> {
  return loadModelFromDirectory(dir);
}
