import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as cli from '../../src/index';
import { expectOneLineError, runCli, tempDir } from '../helpers';

describe('@memsim/cli public entry', () => {
  it('exports main, the commands and the building blocks', () => {
    expect(typeof cli.main).toBe('function');
    expect(cli.COMMANDS.map((c) => c.name)).toEqual(['run', 'device', 'experiment', 'train', 'import', 'worker']);
    expect(cli.EXPERIMENT_NAMES).toEqual([
      'tutorial',
      'variability',
      'finite-states',
      'faults',
      'states-ratio',
      'states-faults',
      'line-resistance',
      'adc',
      'drift',
      'programming-noise',
    ]);
  });
});

describe('bad input: a one-line error and a non-zero exit', () => {
  const dir = tempDir();
  const malformed = join(dir, 'bad.csv');
  writeFileSync(malformed, 'label,a,b\n1,2,3\n0,x,4\n');
  const ragged = join(dir, 'ragged.csv');
  writeFileSync(ragged, 'label,a,b\n1,2,3\n0,4\n');
  it.each([
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['experiment', 'nonsense'], /`name` must be one of 'tutorial', 'variability'/],
    [['experiment'], /exactly one of/],
    [['device', 'Memristor9000'], /`model` must be one of VTEAM/],
    [['device', 'VTEAM', '--param', 'rOn'], /--param/],
    [['device', 'VTEAM', '--amplitude', 'loud'], /--amplitude/],
    [['experiment', 'tutorial', '--data', '/nonexistent/path'], /`data` must be an existing IDX directory or CSV file/],
    [['experiment', 'tutorial', '--data', malformed], /numbers in column `a`; received ''x' on line 3'/],
    [['experiment', 'tutorial', '--data', ragged], /3 cells on every row/],
    [['experiment', 'tutorial', '--dataset', 'cifar10'], /--dataset/],
    [['experiment', 'variability', '--seeds', '0'], /--seeds/],
    [['experiment', 'seizure'], /--csv/],
    [['experiment', 'seizure', '--csv', '/nonexistent.csv'], /readable CSV file \(ENOENT\)/],
    [['train', '--arch', 'resnet'], /--arch/],
    [['run', '--bogus'], /unknown option '--bogus'/i],
  ])('memsim %j', async (argv, pattern) => {
    expectOneLineError(await runCli(argv), pattern);
  });

  it('the real executable exits non-zero with no stack trace', () => {
    const bin = fileURLToPath(new URL('../../src/bin.ts', import.meta.url));
    const r = spawnSync(process.execPath, ['--import', 'tsx', bin, 'experiment', 'nonsense'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expectOneLineError({ code: r.status ?? 0, stderr: r.stderr }, /nonsense/);
  });

  it('prints help with exit code 0', async () => {
    const r = await runCli(['experiment', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: memsim experiment/);
    expect(r.stdout).toMatch(/--seed/);
    const top = await runCli(['--help']);
    expect(top.stdout).toMatch(/run\s+The main job/);
  });
});

describe('argument parsing (commander)', () => {
  it('--version prints the package version', async () => {
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it('an option value may be negative: --amplitude -1 reaches the value check, not the parser', async () => {
    const r = await runCli(['device', 'VTEAM', '--amplitude', '-1', '--quiet', '--out', tempDir()]);
    expect(r.code).toBe(1);
    // The rule of devices' hysteresisLoop (amplitude >= 0), in its words, with the text as typed.
    expect(r.stderr).toMatch(/`--amplitude` must be a finite number >= 0; received '-1'/);
    expect(r.stderr).not.toMatch(/ambiguous|argument missing/i);
  });

  it('every error exits 1: unknown command, unknown option, missing value, bad value', async () => {
    for (const argv of [['frobnicate'], ['device', '--bogus'], ['device', 'VTEAM', '--amplitude'], ['device', 'x']])
      expect((await runCli(argv)).code, argv.join(' ')).toBe(1);
  });

  it('help shows the default output folder; the unknown-study message lists seizure', async () => {
    for (const [command, folder] of [
      ['device', 'memsim-device'],
      ['experiment', 'memsim-results'],
      ['run', 'report'],
      ['train', 'models'],
    ] as const)
      expect((await runCli([command, '--help'])).stdout).toMatch(new RegExp(`--out VALUE .*\\(default: ${folder}\\)`));
    expectOneLineError(await runCli(['experiment', 'nonsense', '--out', tempDir()]), /'programming-noise', 'seizure'/);
  });
});
