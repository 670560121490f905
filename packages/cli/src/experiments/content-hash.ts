import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Dataset } from '../data/dataset';

/** SHA-256 of bytes or text, as 64 hex digits. */
export function sha256(...parts: (string | Uint8Array)[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
}

/** JSON with object keys sorted at every level, so equal values always hash alike. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) && !ArrayBuffer.isView(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/** Regular files under `dir` (recursively), as paths relative to it, sorted. */
export function listFilesRecursive(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) out.push(...listFilesRecursive(dir, rel));
    else if (entry.isFile()) out.push(rel);
  }
  return out.sort();
}

/** Each file of a model (a tfjs folder: every file in it; any other path, e.g. an ONNX file: its bytes). */
export interface ModelFiles {
  kind: 'directory' | 'file';
  /** Relative path (`''` for a single file) → SHA-256 of its bytes. */
  files: Record<string, string>;
}

/** The content of a model path: the SHA-256 of every file. The name of the path does not enter. */
export function modelFiles(path: string): ModelFiles {
  if (statSync(path).isDirectory()) {
    const files: Record<string, string> = {};
    for (const rel of listFilesRecursive(path)) files[rel] = sha256(readFileSync(join(path, rel)));
    return { kind: 'directory', files };
  }
  return { kind: 'file', files: { '': sha256(readFileSync(path)) } };
}

/**
 * Content hash of a model: a tfjs folder (model.json, weights.bin, …) or a single file such as an ONNX model.
 *
 * @example
 * hashModel(shippedModelDirectory('mlp')); // → a hex digest of model.json and the weights
 */
export function hashModel(path: string): string {
  return sha256(canonicalJson(modelFiles(path)));
}

/**
 * Content hash of the samples a sweep evaluates (features, labels, per-sample shape and class count, after any
 * limit), whatever loader read them: the same images give the same hash from an IDX folder, a CSV or a built-in set.
 * @example
 * hashDataset(loadDataset({ limit: 10 })); // → a hex digest: results name the exact data they came from
 */
export function hashDataset(data: Pick<Dataset, 'x' | 'y' | 'shape' | 'classes' | 'count'>): string {
  return sha256(
    canonicalJson({ count: data.count, shape: data.shape, classes: data.classes }),
    new Uint8Array(data.x.buffer, data.x.byteOffset, data.x.byteLength),
    new Uint8Array(data.y.buffer, data.y.byteOffset, data.y.byteLength),
  );
}
