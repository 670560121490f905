import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InvalidParameterError } from '@memsim/core';
import type { Redis } from 'ioredis';
import { canonicalJson, type ModelFiles, modelFiles, sha256 } from '../experiments/content-hash';
import { blobKey } from './redis-target';

/**
 * A model stored by content: its files' hashes, plus the name it is written under on a worker.
 *
 * @example
 * // (typechecked, not run: needs a Redis server)
 * import { Redis } from 'ioredis';
 * const ref: ModelRef = await uploadModel(new Redis('redis://127.0.0.1:6379'), shippedModelDirectory('cnn'));
 * [ref.name, ref.hash]; // → ['cnn', the content hash a worker checks the files against]
 */
export interface ModelRef extends ModelFiles {
  /** Content hash of the whole model (`hashModel`). */
  hash: string;
  /** Base name of the submitter's path (a folder, or e.g. `net.onnx`), kept so loaders that look at it still work. */
  name: string;
}

/**
 * Stores each file of a model in Redis once, by the SHA-256 of its bytes (a tfjs folder, an ONNX file: the bytes are
 * treated alike), and returns the reference a worker needs to rebuild it.
 * @example
 * // (typechecked, not run: needs a Redis server)
 * import { Redis } from 'ioredis';
 * const ref = await uploadModel(new Redis('redis://127.0.0.1:6379'), shippedModelDirectory('cnn'));
 */
export async function uploadModel(redis: Redis, path: string): Promise<ModelRef> {
  const files = modelFiles(path);
  for (const [rel, hash] of Object.entries(files.files)) {
    if ((await redis.exists(blobKey(hash))) === 1) continue;
    await redis.set(blobKey(hash), readFileSync(rel === '' ? path : join(path, rel)), 'NX');
  }
  const name = basename(path.replace(/\/+$/, '')).replace(/[^A-Za-z0-9_.-]/g, '_') || 'model';
  return { ...files, hash: sha256(canonicalJson(files)), name };
}

/**
 * Writes a stored model into `cacheDir/models/<hash>/<name>` (once; later calls reuse it) after checking every
 * file's hash, and returns that path.
 *
 * @throws {InvalidParameterError} when a blob is missing from Redis or its bytes do not match their hash.
 * @example
 * // (typechecked, not run: needs a Redis server)
 * import { Redis } from 'ioredis';
 * const redis = new Redis('redis://127.0.0.1:6379');
 * const dir = await materializeModel(redis, await uploadModel(redis, shippedModelDirectory('cnn')), '/tmp/memsim-models');
 */
export async function materializeModel(redis: Redis, ref: ModelRef, cacheDir: string): Promise<string> {
  const dir = join(cacheDir, 'models', ref.hash);
  const target = join(dir, ref.name);
  if (existsSync(join(dir, '.complete'))) return target;
  mkdirSync(dirname(dir), { recursive: true });
  const tmp = mkdtempSync(join(dirname(dir), '.partial-'));
  try {
    for (const [rel, hash] of Object.entries(ref.files)) {
      const bytes = await redis.getBuffer(blobKey(hash));
      if (bytes === null || sha256(bytes) !== hash)
        throw new InvalidParameterError({
          where: 'memsim worker',
          parameter: 'model',
          value: `${ref.name}${rel === '' ? '' : `/${rel}`}`,
          expected: `a stored blob ${hash.slice(0, 12)}… with matching content (${bytes === null ? 'missing' : 'corrupt'} in Redis; rerun the submitter to store it again)`,
        });
      const file = rel === '' ? join(tmp, ref.name) : join(tmp, ref.name, rel);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, bytes);
    }
    writeFileSync(join(tmp, '.complete'), `${ref.hash}\n`);
    try {
      renameSync(tmp, dir);
    } catch {
      // Another worker on this machine wrote the same model first.
      if (!existsSync(join(dir, '.complete'))) throw new Error(`could not write the model cache ${dir}`);
    }
  } finally {
    if (existsSync(tmp)) rmSync(tmp, { recursive: true, force: true });
  }
  return target;
}
