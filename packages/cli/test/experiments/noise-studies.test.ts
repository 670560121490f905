import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getExperiment, runSweep } from '../../src/index';
import { tempDir } from '../helpers';

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
});
