import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidParameterError } from '@memsim/core';
import type { ChipArtifact } from '../chip/chip-artifact';
import { ChipFormatError } from '../chip/chip-format-error';
import { loadChipFrom } from '../chip/load-chip';
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
 * @throws {ChipFormatError} naming the file and field when a file is missing, unreadable, not JSON, fails its
 *   checksum (corrupt, truncated, edited) or holds an invalid field.
 */
export async function loadChipFromDirectory(directory: string): Promise<MemristiveModel> {
  if (typeof directory !== 'string' || directory.length === 0)
    throw new InvalidParameterError({
      where: 'loadChipFromDirectory',
      parameter: 'directory',
      value: directory,
      expected: 'a directory path',
    });
  const chipFile = join(directory, CHIP_FILES.chip);
  const weightsFile = join(directory, CHIP_FILES.weights);
  const text = await readChipFile(chipFile, 'utf8');
  let rest: Omit<ChipArtifact, 'weightData'>;
  try {
    rest = JSON.parse(text) as Omit<ChipArtifact, 'weightData'>;
  } catch (error) {
    throw new ChipFormatError({
      where: WHERE,
      file: chipFile,
      field: '(JSON)',
      value: `${text.length} characters`,
      expected: `valid JSON (${(error as Error).message}): the file is corrupt or truncated`,
    });
  }
  // The file is written as canonical JSON (JSON.stringify), so any edit that parses to the same values — `1E-9` for
  // `1e-9`, added spaces — still shows: the checksums cover the values, this covers the text.
  if (JSON.stringify(rest) !== text)
    throw new ChipFormatError({
      where: WHERE,
      file: chipFile,
      field: '(JSON)',
      value: `${text.length} characters`,
      expected: 'the exact text saveChipToDirectory wrote (canonical JSON): the file was edited',
    });
  const bytes = await readChipFile(weightsFile);
  const weightData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  return loadChipFrom({ ...rest, weightData }, { chip: chipFile, weights: weightsFile });
}

const WHERE = 'loadChipFromDirectory';

/** Reads one file of a chip directory; a missing or unreadable file is a ChipFormatError naming it. */
async function readChipFile(file: string): Promise<Buffer>;
async function readChipFile(file: string, encoding: 'utf8'): Promise<string>;
async function readChipFile(file: string, encoding?: 'utf8'): Promise<Buffer | string> {
  try {
    return encoding === undefined ? await readFile(file) : await readFile(file, encoding);
  } catch (error) {
    throw new ChipFormatError({
      where: WHERE,
      file,
      field: '(file)',
      value: (error as NodeJS.ErrnoException).code ?? String(error),
      expected: 'a readable file of a chip saved by saveChipToDirectory',
    });
  }
}
