import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { countMarks } from '@memsim/plot';
import { describe, expect, it } from 'vitest';
import { availableDeviceModels, runDeviceSweep } from '../../src/index';
import { runCli, tempDir } from '../helpers';

describe('memsim device', () => {
  it('knows the five MemTorch models', () => {
    expect(availableDeviceModels()).toEqual(['VTEAM', 'LinearIonDrift', 'DataDriven', 'DataDriven2021', 'StanfordPKU']);
  });
  it('writes CSV, SVG and PNG for a model and reports a pinched loop', async () => {
    const out = tempDir();
    const r = await runCli(['device', 'vteam', '--out', out, '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.model).toBe('VTEAM');
    expect(json.loopArea).toBeGreaterThan(0);
    const csv = readFileSync(join(out, 'VTEAM-hysteresis.csv'), 'utf8').trimEnd().split('\n');
    expect(csv[0]).toBe('time,voltage,current');
    expect(csv).toHaveLength(json.samples + 1);
    // pinched: zero voltage gives zero current
    const first = csv[1]!.split(',').map(Number);
    expect(first[1]).toBe(0);
    expect(first[2]).toBe(0);
    expect(readFileSync(join(out, 'VTEAM-switching.csv'), 'utf8').split('\n')[0]).toBe('voltage,current');
    const svg = readFileSync(join(out, 'VTEAM-hysteresis.svg'), 'utf8');
    expect(countMarks(svg)).toEqual({ line: 1 });
    expect(Array.from(readFileSync(join(out, 'VTEAM-hysteresis.png')).subarray(1, 4))).toEqual([0x50, 0x4e, 0x47]);
  });
  it('parameters and amplitude change the loop', async () => {
    const base = await runDeviceSweep('VTEAM', { seed: 1 });
    const changed = await runDeviceSweep('VTEAM', { seed: 1, params: { rOn: 100 } });
    const quiet = await runDeviceSweep('VTEAM', { seed: 1, amplitude: 0.5 });
    expect(changed.peakCurrent).toBeLessThan(base.peakCurrent);
    expect(quiet.peakCurrent).toBeLessThan(base.peakCurrent);
  });
  it('caps the samples with maxSamples by coarsening the step', async () => {
    const r = await runDeviceSweep('StanfordPKU', { seed: 1, maxSamples: 1000 });
    expect(r.samples).toBeLessThanOrEqual(1001);
    expect(r.dt.hysteresis).toBeGreaterThan(0);
  });
  it('rejects an unknown model parameter with a one-line error', async () => {
    const r = await runCli(['device', 'VTEAM', '--param', 'rOnn=5', '--out', tempDir()]);
    expect(r.code).toBe(1);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/rOnn/);
  });
  it("--window takes an expression: the Joglekar formula gives the named window's CSV byte for byte", async () => {
    const named = tempDir();
    const user = tempDir();
    const none = tempDir();
    const common = ['device', 'LinearIonDrift', '--param', 'p=2', '--no-png', '--json'];
    expect((await runCli([...common, '--window', 'joglekar', '--out', named])).code).toBe(0);
    expect((await runCli([...common, '--window', '1 - ((2x - 1)^2)^p', '--out', user])).code).toBe(0);
    expect((await runCli([...common, '--window', 'none', '--out', none])).code).toBe(0);
    const csv = (dir: string) => readFileSync(join(dir, 'LinearIonDrift-hysteresis.csv'), 'utf8');
    expect(csv(user)).toBe(csv(named));
    expect(csv(none)).not.toBe(csv(named)); // the window matters on this drive
  });
  it.each([
    [['LinearIonDrift', '--window', 'import({}, {})'], /--window|`window`.*function `import`/],
    [['LinearIonDrift', '--window', 'f(x) = x'], /`window`.*function definitions/],
    [['VTEAM', '--window', 'joglekar'], /--window.*only with the LinearIonDrift model/],
  ])('refuses %j with a one-line error', async (args, pattern) => {
    const r = await runCli(['device', ...args, '--out', tempDir(), '--no-png']);
    expect(r.code).toBe(1);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(pattern);
  });
});
