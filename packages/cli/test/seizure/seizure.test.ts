import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRng } from '@memsim/core';
import { describe, expect, it } from 'vitest';
import { f1Score, readSeizureCsv } from '../../src/index';
import { runCli, tempDir } from '../helpers';

/** A synthetic CSV in the UCI format: id column, X1…X178, y ∈ 1…5; class 1 (seizure) has large oscillations. */
function syntheticSeizureCsv(rows: number, seed: number): string {
  const rng = createRng(seed);
  const header = ['', ...Array.from({ length: 178 }, (_, i) => `X${i + 1}`), 'y'];
  const lines = [header.map((h) => `"${h}"`).join(',')];
  for (let r = 0; r < rows; r++) {
    const y = 1 + (r % 5);
    const amp = y === 1 ? 400 : 60;
    const f = 0.05 + 0.2 * rng.uniform();
    const xs = Array.from({ length: 178 }, (_, t) =>
      Math.round(amp * Math.sin(f * t + rng.uniform()) + 20 * rng.normal()),
    );
    lines.push([`X${r}.V1.${r}`, ...xs, y].join(','));
  }
  return `${lines.join('\n')}\n`;
}

describe('seizure case study', () => {
  it('reads the UCI format: drops the id, standardises, class 1 vs rest', () => {
    const dir = tempDir();
    const path = join(dir, 'data.csv');
    writeFileSync(path, syntheticSeizureCsv(20, 1));
    const d = readSeizureCsv(path);
    expect(d.features).toBe(178);
    expect(d.count).toBe(20);
    expect(Array.from(d.y).filter((v) => v === 1)).toHaveLength(4);
    let mean = 0;
    for (let r = 0; r < d.count; r++) mean += d.x[r * 178]!;
    expect(Math.abs(mean / d.count)).toBeLessThan(1e-5);
  });
  it('f1Score', () => {
    expect(f1Score([1, 1, 0, 0], [1, 0, 1, 0])).toBeCloseTo(0.5, 12);
    expect(f1Score([1, 1], [1, 1])).toBe(1);
    expect(f1Score([0, 0], [0, 0])).toBe(0);
  });
  it('runs 2-fold CV end to end with F1 for digital and memristive networks, and resumes', async () => {
    const dir = tempDir();
    const path = join(dir, 'uci.csv');
    writeFileSync(path, syntheticSeizureCsv(200, 2));
    const argv = [
      'experiment',
      'seizure',
      '--csv',
      path,
      '--folds',
      '2',
      '--epochs',
      '8',
      '--out',
      join(dir, 'out'),
      '--json',
      '--quiet',
    ];
    const r = await runCli(argv);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    const csv = readFileSync(json.csv, 'utf8');
    const lines = csv.trimEnd().split('\n');
    expect(lines[0]).toBe('fold,variant,sigma,seed,samples,f1,accuracy');
    expect(lines).toHaveLength(1 + 2 * 5); // 2 folds × (digital + σ ∈ {0, 250, 500} + non-linear)
    const digital = json.summary.find((s: { variant: string }) => s.variant === 'digital');
    const ideal = json.summary.find(
      (s: { variant: string; sigma: number }) => s.variant === 'memristive' && s.sigma === 0,
    );
    expect(digital.f1).toBeGreaterThan(0.8);
    expect(ideal.f1).toBeGreaterThan(digital.f1 - 0.1);
    const nonlinear = json.summary.find((s: { variant: string }) => s.variant === 'nonlinear');
    expect(nonlinear.n).toBe(2);
    expect(nonlinear.f1).toBeGreaterThanOrEqual(0);
    expect(nonlinear.f1).toBeLessThanOrEqual(1);
    const again = await runCli(argv);
    expect(again.code).toBe(0);
    expect(readFileSync(json.csv, 'utf8')).toBe(csv);
  });
  it('rejects a CSV without the UCI columns', async () => {
    const path = join(tempDir(), 'x.csv');
    writeFileSync(path, 'a,b\n1,2\n');
    const r = await runCli(['experiment', 'seizure', '--csv', path]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/X1…X178 and a label column y/);
  });
});
