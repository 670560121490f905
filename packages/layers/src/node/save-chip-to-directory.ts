import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidParameterError } from '@memsim/core';
import type { ChipArtifact } from '../chip/chip-artifact';
import { loadChip } from '../chip/load-chip';
import { saveChip } from '../chip/save-chip';
import type { MemristiveModel } from '../model/memristive-model';

/** File names inside a chip directory. */
export const CHIP_FILES = Object.freeze({ chip: 'chip.json', weights: 'weights.bin' });

/**
 * Saves a programmed chip to a directory (Node): `chip.json` (topology, weight specs and the chip state) and
 * `weights.bin` (the tfjs weights). Creates the directory if needed.
 *
 * @example
 * await saveChipToDirectory(patched, './my-chip');
 */
export async function saveChipToDirectory(model: MemristiveModel, directory: string): Promise<void> {
  if (typeof directory !== 'string' || directory.length === 0)
    throw new InvalidParameterError({
      where: 'saveChipToDirectory',
      parameter: 'directory',
      value: directory,
      expected: 'a directory path',
    });
  const artifact = await saveChip(model);
  await mkdir(directory, { recursive: true });
  const { weightData, ...rest } = artifact;
  await writeFile(join(directory, CHIP_FILES.weights), new Uint8Array(weightData));
  await writeFile(join(directory, CHIP_FILES.chip), JSON.stringify(rest));
}

/**
 * Loads a chip saved by {@link saveChipToDirectory}; outputs equal the saved model's bit for bit.
 *
 * @throws {InvalidParameterError} when the directory does not hold a memsim chip.
 */
export async function loadChipFromDirectory(directory: string): Promise<MemristiveModel> {
  if (typeof directory !== 'string' || directory.length === 0)
    throw new InvalidParameterError({
      where: 'loadChipFromDirectory',
      parameter: 'directory',
      value: directory,
      expected: 'a directory path',
    });
  const rest = JSON.parse(await readFile(join(directory, CHIP_FILES.chip), 'utf8')) as Omit<ChipArtifact, 'weightData'>;
  const bytes = await readFile(join(directory, CHIP_FILES.weights));
  const weightData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  return loadChip({ ...rest, weightData });
}
