import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { mnistDirectory, shippedModelDirectory } from '../../src/index';
import { expectOneLineError, runCli, smallStudyArgs, tempDir } from '../helpers';

// Issue 18 (CLI file safety): each case is a one-line error, a non-zero exit, and nothing overwritten.

describe('--out', () => {
  it('refuses an empty --out instead of writing into the working directory', async () => {
    expectOneLineError(
      await runCli(['device', 'VTEAM', '--out', '', '--no-png']),
      /`--out` must be a non-empty directory path/,
    );
    expectOneLineError(await runCli(['experiment', 'tutorial', '--out', '  ']), /`--out` must be a non-empty/);
  });

  it('fails at once on /proc/x (Node’s recursive mkdir used to spin forever there)', async () => {
    const started = Date.now();
    expectOneLineError(await runCli(['device', 'VTEAM', '--out', '/proc/x', '--no-png']), /on procfs/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('refuses a path below an existing file and an unwritable one', async () => {
    const file = join(tempDir(), 'plain.txt');
    writeFileSync(file, 'keep me');
    expectOneLineError(await runCli(['device', 'VTEAM', '--out', join(file, 'sub'), '--no-png']), /is a file/);
    expect(readFileSync(file, 'utf8')).toBe('keep me');
    expectOneLineError(await runCli(['device', 'VTEAM', '--out', '/sys/memsim', '--no-png']), /on sysfs/);
  });

  it('device --duration 1e6 fails before allocating, naming --duration', async () => {
    expectOneLineError(
      await runCli(['device', 'VTEAM', '--duration', '1e6', '--out', tempDir(), '--no-png', '--quiet']),
      /`--duration` must be small enough to fit the memory limit/,
    );
  });
});

describe('resumed results CSV', () => {
  const args = smallStudyArgs;

  it('refuses a garbage row or a CRLF file at start and leaves the file untouched', async () => {
    const out = tempDir();
    const first = await runCli(args(out));
    expect(first.code, first.stderr).toBe(0);
    const csv = join(out, 'finite-states-mlp.csv');
    const good = readFileSync(csv, 'utf8');
    const lines = good.trimEnd().split('\n');
    const cells = lines[1]!.split(',');
    const accuracyAt = lines[0]!.split(',').indexOf('accuracy');

    cells[accuracyAt] = '7';
    const sevenFold = `${[lines[0], cells.join(','), ...lines.slice(2)].join('\n')}\n`;
    writeFileSync(csv, sevenFold);
    const r1 = await runCli(args(out));
    expectOneLineError(r1, /line 2: accuracy '7' is not a number in \[0, 1\]/);
    expect(readFileSync(csv, 'utf8')).toBe(sevenFold);

    const garbage = `${good}abc\n`;
    writeFileSync(csv, garbage);
    expectOneLineError(await runCli(args(out)), /cells on every row \(line \d+ has 1\)/);
    expect(readFileSync(csv, 'utf8')).toBe(garbage);

    const crlf = good.replace(/\n/g, '\r\n');
    writeFileSync(csv, crlf);
    expectOneLineError(await runCli(args(out)), /CRLF line ends/);
    expect(readFileSync(csv, 'utf8')).toBe(crlf);

    writeFileSync(csv, good);
    const again = await runCli(args(out));
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('0 trials run, 3 resumed');
  }, 120_000);
});

describe('model and data files', () => {
  it('refuses a weightsManifest path that leaves the model folder', async () => {
    const dir = join(tempDir(), 'evil');
    cpSync(shippedModelDirectory('mlp'), dir, { recursive: true });
    const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    json.weightsManifest[0].paths = ['../../../../../../etc/hostname'];
    writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
    expectOneLineError(
      await runCli(['experiment', 'tutorial', '--model', dir, '--limit', '4', '--out', tempDir(), '--quiet']),
      /inside the model folder/,
    );
  });

  it('a CSV pixel of 1e308 names the file, line and column', async () => {
    const file = join(tempDir(), 'pixels.csv');
    const row = (label: number, v: string) => [label, ...Array.from({ length: 784 }, () => v)].join(',');
    writeFileSync(
      file,
      `label,${Array.from({ length: 784 }, (_, i) => `p${i}`).join(',')}\n${row(1, '0.5')}\n${row(2, '1e308')}\n`,
    );
    expectOneLineError(
      await runCli(['experiment', 'tutorial', '--data', file, '--out', tempDir(), '--quiet']),
      new RegExp(
        `${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} line 3 column \`p0\`.*float32 range.*received 1e\\+308`,
      ),
    );
  });

  it('a truncated .gz IDX file names the file', async () => {
    const dir = join(tempDir(), 'idx');
    mkdirSync(dir);
    const src = mnistDirectory();
    for (const f of ['t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte']) {
      const gz = gzipSync(readFileSync(join(src, f)));
      writeFileSync(join(dir, `${f}.gz`), f.includes('images') ? gz.subarray(0, gz.length >> 1) : gz);
    }
    expect(existsSync(join(dir, 't10k-images-idx3-ubyte.gz'))).toBe(true);
    expectOneLineError(
      await runCli(['experiment', 'tutorial', '--data', dir, '--out', tempDir(), '--quiet']),
      /t10k-images-idx3-ubyte\.gz` must be a complete gzip file; received 'Z_BUF_ERROR: unexpected end of file'/,
    );
  });
});
