import CRC32 from 'crc-32';
import type { ChipArtifact, ChipChecksums, ChipChecksumsV2 } from './chip-artifact';

/** CRC-32 (IEEE) of bytes, or of a string's UTF-8 bytes, as 8 lower-case hex digits. */
export function crc32Hex(data: Uint8Array | string): string {
  const value = typeof data === 'string' ? CRC32.str(data) : CRC32.buf(data);
  return (value >>> 0).toString(16).padStart(8, '0');
}

// Keys whose string value is an array (base64 of its bytes) in the chip state: crossbar conductances and stuck masks,
// lookups, gains, calibrations, drift clocks, and every `{ float64 }` of a device population (state, per-device
// parameters, aux arrays, a measured model's table). A `{ float64 }` array is named by its parent's path.
const ARRAY_KEYS: ReadonlySet<string> = new Set([
  'gain',
  'conductance',
  'stuck',
  'voltages',
  'currents',
  'nu',
  'programmed',
  'slope',
  'intercept',
  'r2',
  'float64',
]);

/**
 * Every array of a chip state, path → its base64 text, in document order, e.g.
 * `chip.layers[0].sets[0].crossbars[1].conductance` or `chip.layers[0].sets[0].crossbars[0].population.state`.
 */
export function chipArrays(chip: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (value: unknown, path: string): void => {
    if (Array.isArray(value)) for (const [i, v] of value.entries()) walk(v, `${path}[${i}]`);
    else if (typeof value === 'object' && value !== null)
      for (const [key, v] of Object.entries(value)) {
        if (typeof v === 'string' && ARRAY_KEYS.has(key)) out.set(key === 'float64' ? path : `${path}.${key}`, v);
        else walk(v, `${path}.${key}`);
      }
  };
  walk(chip, 'chip');
  return out;
}

/** The chip state with every array's text replaced by '' (what the `chip` checksum covers besides the arrays). */
function withoutArrays(chip: unknown): unknown {
  return JSON.parse(JSON.stringify(chip), function (this: unknown, key, value) {
    return typeof value === 'string' && ARRAY_KEYS.has(key) ? '' : value;
  });
}

const DTYPE_BYTES: Readonly<Record<string, number>> = { float32: 4, int32: 4, bool: 1, complex64: 8 };

/** One tfjs weight tensor's place in `weightData`: its name and byte range. */
export interface WeightSlice {
  name: string;
  start: number;
  end: number;
}

/**
 * Byte ranges of the weight tensors in `weightData`, in weight-spec order (tfjs concatenates them so), or null when a
 * spec's size cannot be known (a string or quantised tensor): then the weights get one checksum, `(all)`.
 */
export function weightSlices(weightSpecs: readonly unknown[]): WeightSlice[] | null {
  const slices: WeightSlice[] = [];
  let start = 0;
  for (const spec of weightSpecs) {
    const s = spec as { name?: unknown; shape?: unknown; dtype?: unknown; quantization?: unknown };
    const bytes = DTYPE_BYTES[String(s.dtype)];
    if (
      typeof s.name !== 'string' ||
      !Array.isArray(s.shape) ||
      !s.shape.every((d) => Number.isInteger(d) && d >= 0) ||
      bytes === undefined ||
      s.quantization !== undefined
    )
      return null;
    const end = start + (s.shape as number[]).reduce((a, b) => a * b, 1) * bytes;
    slices.push({ name: s.name, start, end });
    start = end;
  }
  return slices;
}

/**
 * The checksums of an artifact (format version 3): one CRC-32 per array — each tfjs weight tensor (its bytes in
 * `weightData`) and each array of the chip state (its base64 text) — plus the model (topology and weight specs as
 * JSON) and the rest of the chip state (format, version, settings, shapes, names, with the arrays left out). JSON text
 * is canonical here: it is `JSON.stringify` of parsed values, which a parse → stringify round trip reproduces exactly,
 * so any change of a value (or a single flipped byte of a saved file) changes a checksum, and the one that changes
 * names the array. CRC-32 detects every error within 32 consecutive bits.
 */
export function chipChecksums(artifact: Omit<ChipArtifact, 'checksums'>): ChipChecksums {
  const bytes = new Uint8Array(artifact.weightData);
  const slices = weightSlices(artifact.weightSpecs);
  const weights: Record<string, string> = {};
  if (slices === null) weights['(all)'] = crc32Hex(bytes);
  else for (const s of slices) weights[s.name] = crc32Hex(bytes.subarray(s.start, s.end));
  const arrays: Record<string, string> = {};
  for (const [path, text] of chipArrays(artifact.chip)) arrays[path] = crc32Hex(text);
  return {
    weights,
    model: crc32Hex(JSON.stringify([artifact.modelTopology, artifact.weightSpecs])),
    arrays,
    chip: crc32Hex(JSON.stringify([artifact.format, artifact.version, withoutArrays(artifact.chip)])),
  };
}

/** The version 2 checksums (one per part), to verify chips saved before per-array checksums. */
export function chipChecksumsV2(artifact: Omit<ChipArtifact, 'checksums'>): ChipChecksumsV2 {
  return {
    weights: crc32Hex(new Uint8Array(artifact.weightData)),
    model: crc32Hex(JSON.stringify([artifact.modelTopology, artifact.weightSpecs])),
    chip: crc32Hex(JSON.stringify([artifact.format, artifact.version, artifact.chip])),
  };
}
