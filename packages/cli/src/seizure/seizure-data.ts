import { readFileSync } from 'node:fs';
import { InvalidParameterError } from '@memsim/core';
import { parseCsv } from '../data/csv';

/**
 * The UCI Epileptic Seizure Recognition data as a binary task (class 1 = seizure vs the rest), standardised.
 *
 * @example
 * // (typechecked, not run: needs the UCI Epileptic Seizure Recognition CSV)
 * const data: SeizureData = readSeizureCsv('data.csv');
 * [data.count, data.features]; // → [11500, 178]: standardised EEG windows, y = 1 for a seizure
 */
export interface SeizureData {
  /** `count × features`, each feature standardised to mean 0, std 1 over all rows (as MemTorch's case study). */
  x: Float32Array;
  /** 1 = seizure (UCI class 1), 0 = otherwise. */
  y: Int32Array;
  count: number;
  features: number;
}

/**
 * Reads the UCI seizure CSV: an optional leading row-id column (non-numeric, dropped), feature columns `X1…Xn`
 * and the label column `y` (1…5; 1 = seizure).
 *
 * @throws {InvalidParameterError} when the file is unreadable, has no `y` column or no `X` columns, or a cell is
 * not a number.
 * @example
 * // (typechecked, not run: needs the UCI Epileptic Seizure Recognition CSV)
 * const data = readSeizureCsv('data.csv');
 */
export function readSeizureCsv(path: string): SeizureData {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InvalidParameterError({
      where: 'memsim experiment seizure',
      parameter: '--csv',
      value: path,
      expected: `a readable CSV file (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`,
    });
  }
  const firstLine = text
    .slice(0, text.indexOf('\n') >>> 0)
    .split(',')
    .map((c) => c.trim().replace(/^"|"$/g, ''));
  const yCol = firstLine.indexOf('y');
  const xCols = firstLine.map((c, i) => (/^X\d+$/.test(c) ? i : -1)).filter((i) => i >= 0);
  if (yCol < 0 || xCols.length === 0)
    throw new InvalidParameterError({
      where: 'memsim experiment seizure',
      parameter: '--csv',
      value: path,
      expected: 'the UCI seizure format: a header with feature columns X1…X178 and a label column y',
    });
  const drop = firstLine.map((_, i) => i).filter((i) => i !== yCol && !xCols.includes(i));
  const table = parseCsv(text, { source: path, dropColumns: drop });
  const cols = table.header.length;
  const ky = table.header.indexOf('y');
  const features = cols - 1;
  const count = table.rows;
  const x = new Float32Array(count * features);
  const y = new Int32Array(count);
  const mean = new Float64Array(features);
  const sq = new Float64Array(features);
  for (let r = 0; r < count; r++) {
    let k = 0;
    for (let c = 0; c < cols; c++) {
      const v = table.data[r * cols + c]!;
      if (c === ky) {
        y[r] = v === 1 ? 1 : 0;
        continue;
      }
      mean[k]! += v;
      sq[k]! += v * v;
      x[r * features + k++] = v;
    }
  }
  for (let k = 0; k < features; k++) {
    const m = mean[k]! / count;
    const sd = Math.sqrt(Math.max(sq[k]! / count - m * m, 0)) || 1;
    for (let r = 0; r < count; r++) x[r * features + k] = (x[r * features + k]! - m) / sd;
  }
  return { x, y, count, features };
}

/**
 * F1 score of the positive class: 2·TP / (2·TP + FP + FN); 0 when there is no positive at all.
 *
 * @example
 * f1Score([0, 1, 1, 0], [0, 1, 0, 0]); // → 0.6667 (precision 1, recall 0.5)
 */
export function f1Score(labels: ArrayLike<number>, predictions: ArrayLike<number>): number {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < labels.length; i++) {
    if (predictions[i] === 1 && labels[i] === 1) tp++;
    else if (predictions[i] === 1) fp++;
    else if (labels[i] === 1) fn++;
  }
  return tp + fp + fn === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}
