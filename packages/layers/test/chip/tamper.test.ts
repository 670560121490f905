import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VTEAM } from '@memsim/devices';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChipFormatError, loadChip, patchModel, saveChip } from '../../src/index';
import type { ChipArtifact } from '../../src/index';
import { chipArrays, chipChecksums, chipChecksumsV2, weightSlices } from '../../src/chip/chip-checksum';
import { loadChipFromDirectory, saveChipToDirectory } from '../../src/node/index';
import { seedWeights } from '../fixtures';
import { randomUniform, setupBackend, tf } from '../helpers';

// Issue 18: a saved chip is tamper-evident. Exhaustive over a small chip: every single-byte flip (two flip patterns
// per byte) and every truncation of each file must be refused with a ChipFormatError naming the file, and a flip
// inside an array (a weight tensor, a conductance, a device state, a gain, …) must name that array.

let dir = '';
let chipText: Buffer;
let weights: Buffer;

function tinyModel(): tf.LayersModel {
  const m = tf.sequential();
  m.add(tf.layers.dense({ units: 2, inputShape: [3], name: 'dense' }));
  return seedWeights(m, 5);
}

beforeAll(async () => {
  await setupBackend();
  const patched = await patchModel(tinyModel(), { model: VTEAM, seed: 3 });
  patched.applyNonidealities([
    { kind: 'deviceFaults', lrsProportion: 0.2, hrsProportion: 0, electroformProportion: 0, seed: 1 },
  ]);
  dir = await mkdtemp(join(tmpdir(), 'memsim-tamper-'));
  await saveChipToDirectory(patched, dir);
  chipText = await readFile(join(dir, 'chip.json'));
  weights = await readFile(join(dir, 'weights.bin'));
});

afterAll(async () => {
  if (dir !== '') await rm(dir, { recursive: true, force: true });
});

/** Loads the directory with `name` replaced by `bytes`; returns the error (undefined when it loaded). */
async function loadWith(name: 'chip.json' | 'weights.bin', bytes: Uint8Array): Promise<unknown> {
  await writeFile(join(dir, name), bytes);
  try {
    await loadChipFromDirectory(dir);
    return undefined;
  } catch (error) {
    return error;
  } finally {
    await writeFile(join(dir, name), name === 'chip.json' ? chipText : weights);
  }
}

describe('chip tamper evidence (exhaustive over a small chip)', () => {
  it('the untouched chip loads and predicts like the saved one', async () => {
    const copy = await loadChipFromDirectory(dir);
    const x = tf.tensor(randomUniform(6, 1), [2, 3]);
    const again = await loadChipFromDirectory(dir);
    expect(Array.from((copy.predict(x) as tf.Tensor).dataSync())).toEqual(
      Array.from((again.predict(x) as tf.Tensor).dataSync()),
    );
  });

  /**
   * The byte ranges of the file's arrays, each with the field a flip inside it must be named by: in weights.bin each
   * weight tensor (from the weight specs); in chip.json each array's base64 text and its checksum record.
   */
  function arrayRanges(name: 'chip.json' | 'weights.bin'): { start: number; end: number; field: string }[] {
    const saved = JSON.parse(chipText.toString('utf8')) as ChipArtifact;
    if (name === 'weights.bin')
      return weightSlices(saved.weightSpecs)!.map((s) => ({ ...s, field: `weights[${JSON.stringify(s.name)}]` }));
    const text = chipText.toString('utf8');
    const ranges: { start: number; end: number; field: string }[] = [];
    // chipArrays lists the arrays in document order, so each is found after the previous one.
    let cursor = text.indexOf('"chip":{"settings"');
    for (const [path, value] of chipArrays(saved.chip)) {
      const start = text.indexOf(JSON.stringify(value), cursor);
      ranges.push({ start, end: start + JSON.stringify(value).length, field: path });
      cursor = start + 1;
    }
    for (const { field } of [...ranges]) {
      const key = `${JSON.stringify(field)}:"`;
      const start = text.indexOf(key, text.indexOf('"arrays":{')) + key.length;
      ranges.push({ start, end: start + 8, field });
    }
    return ranges;
  }

  for (const name of ['chip.json', 'weights.bin'] as const) {
    it(`${name}: every single-byte flip (xor 0x01 and xor 0x20) is refused with a ChipFormatError naming the file, and the array it hit`, async () => {
      const original = name === 'chip.json' ? chipText : weights;
      const ranges = arrayRanges(name);
      expect(ranges.length).toBeGreaterThanOrEqual(name === 'chip.json' ? 10 : 2);
      expect(ranges.every((r) => r.start >= 0 && r.end <= original.length)).toBe(true);
      const missed: string[] = [];
      const misnamed: string[] = [];
      let calls = 0;
      let named = 0;
      for (let i = 0; i < original.length; i++)
        for (const mask of [0x01, 0x20]) {
          const bytes = Buffer.from(original);
          bytes[i] = bytes[i]! ^ mask;
          const error = await loadWith(name, bytes);
          calls++;
          if (!ChipFormatError.isInstance(error) || !error.message.includes(name)) {
            missed.push(`byte ${i} ^ ${mask}: ${error === undefined ? 'loaded' : String(error)}`);
            continue;
          }
          const hit = ranges.find((r) => i >= r.start && i < r.end);
          if (hit === undefined) continue;
          // A flip that breaks the JSON itself (a digit turned into a control character) is refused before any
          // checksum is read; every other flip inside an array names that array.
          // (A flip in an array's checksum record that leaves no valid hex digit names the record of that array.)
          if (error.field === hit.field || error.field === `checksums.arrays[${JSON.stringify(hit.field)}]`) named++;
          else if (error.field !== '(JSON)') misnamed.push(`byte ${i} ^ ${mask} in ${hit.field}: named ${error.field}`);
        }
      console.log(
        `${name}: ${original.length} bytes, ${calls} flipped loads, ${missed.length} not detected, ${named} named their array, ${misnamed.length} named another field`,
      );
      expect(missed.slice(0, 5)).toEqual([]);
      expect(misnamed.slice(0, 5)).toEqual([]);
      expect(named).toBeGreaterThan(0);
    }, 300_000);

    it(`${name}: every truncation is refused with a ChipFormatError naming the file`, async () => {
      const original = name === 'chip.json' ? chipText : weights;
      const missed: string[] = [];
      for (let length = 0; length < original.length; length++) {
        const error = await loadWith(name, original.subarray(0, length));
        if (!ChipFormatError.isInstance(error) || !error.message.includes(name))
          missed.push(`length ${length}: ${String(error)}`);
      }
      expect(missed.slice(0, 5)).toEqual([]);
    }, 300_000);
  }

  it('a missing file is a ChipFormatError naming it', async () => {
    const other = await mkdtemp(join(tmpdir(), 'memsim-tamper-missing-'));
    try {
      await writeFile(join(other, 'chip.json'), chipText);
      await expect(loadChipFromDirectory(other)).rejects.toThrow(/weights\.bin: `\(file\)` must be a readable file/);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });
});

describe('chip field validation (checksums resealed, so the field checks themselves are exercised)', () => {
  async function artifact(): Promise<ChipArtifact> {
    const patched = await patchModel(tinyModel(), { model: VTEAM, seed: 3 });
    const { weightData, ...rest } = await saveChip(patched);
    return { ...(JSON.parse(JSON.stringify(rest)) as Omit<ChipArtifact, 'weightData'>), weightData };
  }

  /** Re-computes the checksums after an edit, as a forger would. */
  function reseal(a: ChipArtifact): ChipArtifact {
    const { checksums: _, ...unsealed } = a;
    return { ...unsealed, checksums: chipChecksums(unsealed) };
  }

  type Edit = [string, (a: ChipArtifact) => void, RegExp];
  const edits: Edit[] = [
    ['format', (a) => Object.assign(a, { format: 'other' }), /`format` must be 'memsim\.chip'/],
    ['version', (a) => Object.assign(a, { version: 7 }), /`version` must be a supported version/],
    [
      'gain',
      (a) => Object.assign(a.chip.layers[0]!.sets[0]!, { gain: 'AAAA' }),
      /`chip\.layers\[0\]\.sets\[0\]\.gain`/,
    ],
    ['scheme', (a) => Object.assign(a.chip.layers[0]!.sets[0]!, { scheme: 'triple' }), /sets\[0\]\.scheme/],
    [
      'conductance',
      (a) => Object.assign(a.chip.layers[0]!.sets[0]!.crossbars[0]!, { conductance: 'AAAAAAAAAAA=' }),
      /sets\[0\]\.crossbars\[0\]\.conductance/,
    ],
    [
      'stuck mask',
      (a) =>
        Object.assign(a.chip.layers[0]!.sets[0]!.crossbars[1]!, {
          stuck: Buffer.from([1, 0, 9, 0, 0, 0]).toString('base64'),
        }),
      /crossbars\[1\]\.stuck\[2\]` must be 0 or 1/,
    ],
    [
      'calibration',
      (a) => Object.assign(a.chip.layers[0]!, { calibrations: [{ slope: 'AA==', intercept: '', r2: '' }] }),
      /calibrations\[0\]\.slope/,
    ],
    ['layer name', (a) => Object.assign(a.chip.layers[0]!, { name: 'nope' }), /chip\.layers\[0\]\.name/],
    ['seed', (a) => Object.assign(a.chip.settings, { seed: 0.5 }), /chip\.settings\.seed/],
  ];

  it.each(edits)('a forged %s (valid checksums) is refused naming the field', async (_name, edit, pattern) => {
    const a = await artifact();
    edit(a);
    await expect(loadChip(reseal(a))).rejects.toThrow(pattern);
    await expect(loadChip(reseal(a))).rejects.toSatisfy((e: unknown) => ChipFormatError.isInstance(e));
  });

  it('an edit without resealing fails its checksum, naming it', async () => {
    const a = await artifact();
    a.chip.settings.seed = 12345;
    await expect(loadChip(a)).rejects.toThrow(/artifact: `checksums\.chip` must be the CRC-32 of the chip state/);
  });

  it('an array edited without resealing is named by its path (version 3: one checksum per array)', async () => {
    const a = await artifact();
    expect(a.version).toBe(3);
    const xbar = a.chip.layers[0]!.sets[0]!.crossbars[1]!;
    const bytes = Buffer.from(xbar.conductance, 'base64');
    bytes[9] = bytes[9]! ^ 0x04;
    xbar.conductance = bytes.toString('base64');
    await expect(loadChip(a)).rejects.toThrow(
      /artifact: `chip\.layers\[0\]\.sets\[0\]\.crossbars\[1\]\.conductance` must be the CRC-32 recorded/,
    );
  });

  it('a weight tensor changed without resealing is named by its weight name', async () => {
    const a = await artifact();
    const data = new Uint8Array(a.weightData.slice(0));
    const bias = weightSlices(a.weightSpecs)!.find((s) => s.name.endsWith('bias'))!;
    data[bias.start]! ^= 0x10;
    await expect(loadChip({ ...a, weightData: data.buffer })).rejects.toThrow(
      new RegExp(`artifact\\.weightData: \`weights\\["${bias.name}"\\]\` must be the CRC-32`),
    );
  });

  it('a version 2 chip (one checksum per part) still loads, and its part checksums are still checked', async () => {
    const { checksums: _, ...rest } = await artifact();
    const v2 = { ...rest, version: 2 as const };
    await expect(loadChip({ ...v2, checksums: chipChecksumsV2(v2) })).resolves.toBeDefined();
    const damaged = { ...v2, checksums: chipChecksumsV2(v2) };
    damaged.chip.settings.seed = 99;
    await expect(loadChip(damaged)).rejects.toThrow(/`checksums\.chip` must be the CRC-32 of the chip state/);
  });

  it('a version 1 chip (no checksums) still loads', async () => {
    const { checksums: _, ...rest } = await artifact();
    await expect(loadChip({ ...rest, version: 1 })).resolves.toBeDefined();
  });
});
