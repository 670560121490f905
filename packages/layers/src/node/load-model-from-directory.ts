import { realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { InvalidParameterError } from '@memsim/core';

const WHERE = 'loadModelFromDirectory';

interface ManifestGroup {
  paths: string[];
  weights: tf.io.WeightsManifestEntry[];
}

interface ModelJson {
  modelTopology: object;
  weightsManifest: ManifestGroup[];
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  trainingConfig?: tf.io.TrainingConfig;
  userDefinedMetadata?: Record<string, unknown>;
}

const BYTES_PER_ELEMENT: Record<string, number> = { float32: 4, int32: 4, bool: 1 };

function invalid(parameter: string, value: unknown, expected: string): InvalidParameterError {
  return new InvalidParameterError({ where: WHERE, parameter, value, expected });
}

function checkManifest(json: unknown, file: string): ModelJson {
  const m = json as Partial<ModelJson> | null;
  if (m === null || typeof m !== 'object' || typeof m.modelTopology !== 'object' || m.modelTopology === null)
    throw invalid('model.json', file, 'a TensorFlow.js layers model (an object with `modelTopology`)');
  const groups = m.weightsManifest ?? [];
  if (!Array.isArray(groups))
    throw invalid('weightsManifest', m.weightsManifest, 'an array of { paths: string[], weights: [...] } groups');
  groups.forEach((g, i) => {
    if (
      g === null ||
      typeof g !== 'object' ||
      !Array.isArray(g.paths) ||
      !g.paths.every((p) => typeof p === 'string' && p.length > 0) ||
      !Array.isArray(g.weights)
    )
      throw invalid(`weightsManifest[${i}]`, g, '{ paths: non-empty strings, weights: an array }');
  });
  return { ...(m as ModelJson), weightsManifest: groups };
}

/** The shard file of `path` inside `root`, refusing absolute paths and paths that leave the folder. */
function shardFile(root: string, path: string, where: string): string {
  const file = resolve(root, path);
  const rel = relative(root, file);
  if (isAbsolute(path) || rel === '' || rel.startsWith('..') || isAbsolute(rel))
    throw invalid(where, path, 'a file path inside the model folder (no absolute path, no `..` leaving it)');
  // A symbolic link inside the folder may still point out of it: compare the real paths when the file exists
  // (a missing shard is reported by the reader with its own message).
  let real: string | undefined;
  try {
    real = realpathSync(file);
  } catch {
    real = undefined;
  }
  if (real !== undefined) {
    const realRel = relative(realpathSync(root), real);
    if (realRel === '' || realRel.startsWith('..') || isAbsolute(realRel))
      throw invalid(where, path, 'a file inside the model folder (this one is a link that leads out of it)');
  }
  return file;
}

/** Bytes the weight specs of a group take, or undefined when a spec is quantized or of a dtype sized elsewhere. */
function expectedBytes(weights: tf.io.WeightsManifestEntry[]): number | undefined {
  let total = 0;
  for (const w of weights) {
    const size = BYTES_PER_ELEMENT[w.dtype];
    if (w.quantization !== undefined || size === undefined) return undefined;
    total += w.shape.reduce((a, b) => a * b, 1) * size;
  }
  return total;
}

/**
 * Loads a TensorFlow.js layers model from a folder written by `tensorflowjs_converter` or `model.save()` (Node, no
 * tfjs-node needed): `model.json` plus its weight files, including sharded weights (`group1-shard1of3.bin`, …: several
 * paths per manifest group, several groups), concatenated in manifest order as tfjs does. Paths in `weightsManifest`
 * must stay inside the folder.
 *
 * @param directory - the model folder (holding `model.json`).
 * @returns the loaded `tf.LayersModel`.
 * @throws {InvalidParameterError} when `model.json` is missing or malformed, a weight path escapes the folder, a shard
 *   is missing, or a group's shards do not hold the bytes its weights need.
 * @example
 * const model = await loadModelFromDirectory('./models/mnist-cnn');
 */
export async function loadModelFromDirectory(directory: string): Promise<tf.LayersModel> {
  if (typeof directory !== 'string' || directory.length === 0)
    throw invalid('directory', directory, 'a folder path holding model.json');
  const root = resolve(directory);
  const jsonFile = join(root, 'model.json');
  let text: string;
  try {
    text = await readFile(jsonFile, 'utf8');
  } catch (error) {
    throw invalid('directory', directory, `a folder with a readable model.json (${(error as Error).message})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw invalid('model.json', jsonFile, `valid JSON (${(error as Error).message})`);
  }
  const json = checkManifest(parsed, jsonFile);

  const files = json.weightsManifest.map((g, i) =>
    g.paths.map((p, j) => shardFile(root, p, `weightsManifest[${i}].paths[${j}]`)),
  );
  const parts: Uint8Array[] = [];
  for (const [i, group] of json.weightsManifest.entries()) {
    let groupBytes = 0;
    for (const file of files[i]!) {
      let bytes: Uint8Array;
      try {
        bytes = await readFile(file);
      } catch (error) {
        throw invalid(`weightsManifest[${i}].paths`, relative(root, file), `readable (${(error as Error).message})`);
      }
      parts.push(bytes);
      groupBytes += bytes.byteLength;
    }
    const expected = expectedBytes(group.weights);
    if (expected !== undefined && expected !== groupBytes)
      throw invalid(
        `weightsManifest[${i}]`,
        `${groupBytes} bytes in ${group.paths.join(', ')}`,
        `${expected} bytes (what its ${group.weights.length} weights need)`,
      );
  }
  const total = parts.reduce((n, p) => n + p.byteLength, 0);
  const weightData = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    weightData.set(p, offset);
    offset += p.byteLength;
  }

  const artifacts: tf.io.ModelArtifacts = {
    modelTopology: json.modelTopology,
    weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
    weightData: weightData.buffer,
    ...(json.format !== undefined ? { format: json.format } : {}),
    ...(json.generatedBy !== undefined ? { generatedBy: json.generatedBy } : {}),
    ...(json.convertedBy !== undefined && json.convertedBy !== null ? { convertedBy: json.convertedBy } : {}),
    ...(json.trainingConfig !== undefined ? { trainingConfig: json.trainingConfig } : {}),
    ...(json.userDefinedMetadata !== undefined ? { userDefinedMetadata: json.userDefinedMetadata as {} } : {}),
  };
  return tf.loadLayersModel({ load: async () => artifacts });
}
