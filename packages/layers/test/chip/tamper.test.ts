import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VTEAM } from '@memsim/devices';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChipFormatError, loadChip, patchModel, saveChip } from '../../src/index';
import type { ChipArtifact } from '../../src/index';
import { chipChecksums } from '../../src/chip/chip-checksum';
import { loadChipFromDirectory, saveChipToDirectory } from '../../src/node/index';
import { seedWeights } from '../fixtures';
import { randomUniform, setupBackend, tf } from '../helpers';

// Issue 18: a saved chip is tamper-evident. Exhaustive over a small chip: every single-byte flip (two flip patterns
// per byte) and every truncation of each file must be refused with a ChipFormatError naming the file.

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

  for (const name of ['chip.json', 'weights.bin'] as const) {
    it(`${name}: every single-byte flip (xor 0x01 and xor 0x20) is refused with a ChipFormatError naming the file`, async () => {
      const original = name === 'chip.json' ? chipText : weights;
      const missed: string[] = [];
      let calls = 0;
      for (let i = 0; i < original.length; i++)
        for (const mask of [0x01, 0x20]) {
          const bytes = Buffer.from(original);
          bytes[i] = bytes[i]! ^ mask;
          const error = await loadWith(name, bytes);
          calls++;
          if (!ChipFormatError.isInstance(error) || !error.message.includes(name))
            missed.push(`byte ${i} ^ ${mask}: ${error === undefined ? 'loaded' : String(error)}`);
        }
      console.log(`${name}: ${original.length} bytes, ${calls} flipped loads, ${missed.length} not detected`);
      expect(missed.slice(0, 5)).toEqual([]);
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

  it('a version 1 chip (no checksums) still loads', async () => {
    const { checksums: _, ...rest } = await artifact();
    await expect(loadChip({ ...rest, version: 1 })).resolves.toBeDefined();
  });
});
