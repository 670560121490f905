import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidParameterError } from '@memsim/core';
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

/** The matching loader of {@link fileSaveHandler}. */
export function fileLoadHandler(dir: string): tf.io.IOHandler {
  return {
    async load(): Promise<tf.io.ModelArtifacts> {
      let json: {
        modelTopology: object;
        weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
        userDefinedMetadata?: object;
      };
      let weights: Uint8Array;
      try {
        json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
        weights = readFileSync(join(dir, json.weightsManifest[0]?.paths[0] ?? 'weights.bin'));
      } catch (error) {
        throw new InvalidParameterError({
          where: 'loadModel',
          parameter: 'model',
          value: dir,
          expected: `a directory with a readable model.json and weights.bin (${(error as Error).message.split('\n')[0]})`,
        });
      }
      return {
        modelTopology: json.modelTopology,
        weightSpecs: json.weightsManifest.flatMap((m) => m.weights),
        weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer,
        userDefinedMetadata: json.userDefinedMetadata as Record<string, never> | undefined,
      };
    },
  };
}

/** Saves a Layers model to `dir/model.json` + `dir/weights.bin`. */
export async function saveModel(model: tf.LayersModel, dir: string): Promise<void> {
  await model.save(fileSaveHandler(dir));
}

/**
 * Loads a Layers model saved by {@link saveModel}.
 *
 * @throws {InvalidParameterError} when the directory has no readable model.
 */
export async function loadModel(dir: string): Promise<tf.LayersModel> {
  return tf.loadLayersModel(fileLoadHandler(dir));
}
