import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getExperiment, runSweep } from '../../src/index';
import { expectOneLineError, runCli, tempDir } from '../helpers';

const common = { arch: 'mlp', limit: 256, seed: 3, png: false, progress: null };

describe('noise studies (MLP, 256 test images)', () => {
  it('drift: a log-time plot with and without compensation; compensation keeps a year-old chip usable', async () => {
    const def = getExperiment('drift');
    expect(def.grid('full').map((p) => p.time)).toEqual([
      1, 60, 3600, 86400, 604800, 2592000, 31536000, 1, 60, 3600, 86400, 604800, 2592000, 31536000,
    ]);
    const report = await runSweep('drift', {
      ...common,
      points: [
        { compensation: 'off', time: 1 },
        { compensation: 'off', time: 31536000 },
        { compensation: 'on', time: 1 },
        { compensation: 'on', time: 31536000 },
      ],
      seeds: 1,
      out: tempDir(),
    });
    const [off1, offYear, on1, onYear] = report.summary.map((s) => s.mean);
    expect(on1!).toBeGreaterThan(report.digitalAccuracy - 0.05);
    expect(onYear!).toBeGreaterThanOrEqual(offYear! - 0.01);
    expect(report.svg.startsWith('<svg')).toBe(true);
    expect(readFileSync(report.csv, 'utf8').split('\n')[0]).toContain('compensation,time');
  });

  it('programming-noise: accuracy does not rise with the noise scale', async () => {
    const report = await runSweep('programming-noise', {
      ...common,
      points: [
        { model: 'pcm', scale: 0 },
        { model: 'pcm', scale: 5 },
        { model: 'reram', scale: 0 },
        { model: 'reram', scale: 5 },
      ],
      seeds: 1,
      out: tempDir(),
    });
    const [pcm0, pcm5, reram0, reram5] = report.summary.map((s) => s.mean);
    expect(pcm0!).toBeGreaterThan(report.digitalAccuracy - 0.02);
    expect(pcm5!).toBeLessThanOrEqual(pcm0! + 0.01);
    expect(reram5!).toBeLessThan(reram0! - 0.02);
  });

  it('programming-noise --noise-expression: the user σ/g_max curve is swept over the scales and named in the CSV', async () => {
    const out = tempDir();
    // σ = 0.3·g_max (flat, with a comma so the CSV cell must be quoted): scale 3 leaves little of the network.
    const expression = 'max(0.3, 0.1*x)';
    const args = ['experiment', 'programming-noise', '--arch', 'mlp', '--limit', '128', '--seeds', '1', '--out', out];
    const ok = await runCli([...args, '--noise-expression', expression, '--workers', '1', '--json', '--quiet']);
    expect(ok.code, ok.stderr).toBe(0);
    const report = JSON.parse(ok.stdout);
    expect(report.summary.map((s: { point: { model: string; scale: number } }) => s.point)).toEqual(
      getExperiment('programming-noise')
        .grid('quick')
        .filter((p) => p.model === 'pcm')
        .map((p) => ({ model: expression, scale: p.scale })),
    );
    const [clean, , noisy] = report.summary.map((s: { mean: number }) => s.mean);
    expect(clean).toBeGreaterThan(report.digitalAccuracy - 0.05);
    expect(noisy).toBeLessThan(clean - 0.1);
    expect(readFileSync(report.csv, 'utf8')).toContain(`"${expression}",3,`);
    expectOneLineError(
      await runCli([...args, '--noise-expression', 'x +* 2', '--quiet']),
      /--noise-expression.*expression in x/,
    );
    expectOneLineError(
      await runCli(['experiment', 'drift', '--out', out, '--noise-expression', '0.1', '--quiet']),
      /--noise-expression.*programming-noise study only/,
    );
  }, 180_000);
});
