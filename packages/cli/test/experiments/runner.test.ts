import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type TrialExecutor, type TrialTask, experimentColumns, getExperiment, runExperiment } from '../../src/index';
import { tempDir } from '../helpers';

/** A fake trial whose accuracy depends only on the point and seed (a hash), finishing in a shuffled order. */
function fakeExecutor(options: { reverse?: boolean; stopAfter?: number } = {}): TrialExecutor & { ran: number[] } {
  const ran: number[] = [];
  return {
    workers: 2,
    ran,
    async run(tasks, onResult) {
      const order = options.reverse ? [...tasks].reverse() : tasks;
      for (const t of order) {
        if (options.stopAfter !== undefined && ran.length >= options.stopAfter) throw new Error('interrupted');
        ran.push(t.index);
        onResult(t, { accuracy: accuracyOf(t), timing: { patch: 0.1, tune: 0.2, inference: 0.3 } });
      }
    },
  };
}
function accuracyOf(t: TrialTask): number {
  let h = t.seed * 2654435761;
  for (const v of Object.values(t.point)) for (const c of String(v)) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return ((h >>> 0) % 1000) / 1000;
}

const def = getExperiment('faults');
const base = { arch: 'fake', data: { count: 100, name: 'x', classes: 10 }, seed: 7, seeds: 2 };

describe('runExperiment', () => {
  it('writes the columns, one row per point and seed, in grid order, and aggregates mean ± std', async () => {
    const out = tempDir();
    const r = await runExperiment(def, { ...base, out, executor: fakeExecutor() });
    const lines = readFileSync(r.csv, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe(experimentColumns(def).join(','));
    expect(lines[0]).toBe('arch,kind,rate,seed,samples,accuracy,failure');
    expect(lines).toHaveLength(1 + def.grid('quick').length * 2);
    expect(lines[1]).toMatch(/^fake,LRS,0,7,100,/);
    expect(lines[2]).toMatch(/^fake,LRS,0,8,100,/);
    const s = r.summary[0]!;
    const a = Number(lines[1]!.split(',')[5]);
    const b = Number(lines[2]!.split(',')[5]);
    expect(s.mean).toBeCloseTo((a + b) / 2, 12);
    expect(s.std).toBeCloseTo(Math.abs(a - b) / Math.SQRT2, 12);
    expect(r.timing.trials).toBe(lines.length - 1);
    expect(r.timing.patch).toBeCloseTo(0.1, 12);
    expect(r.timing.inference).toBeCloseTo(0.3, 12);
  });

  it('records a trial whose devices could not be drawn and leaves it out of the mean', async () => {
    const failing: TrialExecutor = {
      workers: 1,
      async run(tasks, onResult) {
        for (const t of tasks)
          onResult(
            t,
            t.repetition === 1
              ? {
                  accuracy: Number.NaN,
                  failure: 'VTEAM params: rOn, rOff overlap',
                  timing: { patch: 0, tune: 0, inference: 0 },
                }
              : { accuracy: 0.5, timing: { patch: 0, tune: 0, inference: 0 } },
          );
      },
    };
    const r = await runExperiment(def, { ...base, out: tempDir(), executor: failing });
    const lines = readFileSync(r.csv, 'utf8').trimEnd().split('\n');
    expect(lines[2]).toBe('fake,LRS,0,8,100,,VTEAM params: rOn; rOff overlap');
    expect(r.summary[0]).toMatchObject({ mean: 0.5, n: 1, failed: 1 });
  });

  it('gives the same CSV whatever order results arrive in', async () => {
    const a = await runExperiment(def, { ...base, out: tempDir(), executor: fakeExecutor() });
    const b = await runExperiment(def, { ...base, out: tempDir(), executor: fakeExecutor({ reverse: true }) });
    expect(readFileSync(b.csv, 'utf8')).toBe(readFileSync(a.csv, 'utf8'));
  });

  it('resumes an interrupted sweep to the same CSV, running only the missing trials', async () => {
    const whole = await runExperiment(def, { ...base, out: tempDir(), executor: fakeExecutor() });
    const out = tempDir();
    await expect(runExperiment(def, { ...base, out, executor: fakeExecutor({ stopAfter: 5 }) })).rejects.toThrow(
      'interrupted',
    );
    expect(readFileSync(whole.csv, 'utf8').startsWith(readFileSync(`${out}/faults-fake.csv`, 'utf8'))).toBe(true);
    const second = fakeExecutor();
    const resumed = await runExperiment(def, { ...base, out, executor: second });
    expect(resumed.resumed).toBe(5);
    expect(second.ran).toEqual(whole.rows.map((_, i) => i).slice(5));
    expect(readFileSync(resumed.csv, 'utf8')).toBe(readFileSync(whole.csv, 'utf8'));
  });

  it('an interruption with out-of-order results keeps only the in-order prefix', async () => {
    const out = tempDir();
    await expect(
      runExperiment(def, { ...base, out, executor: fakeExecutor({ reverse: true, stopAfter: 4 }) }),
    ).rejects.toThrow();
    expect(readFileSync(`${out}/faults-fake.csv`, 'utf8').trimEnd().split('\n')).toHaveLength(1);
    const resumed = await runExperiment(def, { ...base, out, executor: fakeExecutor() });
    const whole = await runExperiment(def, { ...base, out: tempDir(), executor: fakeExecutor() });
    expect(readFileSync(resumed.csv, 'utf8')).toBe(readFileSync(whole.csv, 'utf8'));
  });

  it('refuses to resume a CSV written with other settings, unless fresh', async () => {
    const out = tempDir();
    await runExperiment(def, { ...base, out, executor: fakeExecutor() });
    await expect(
      runExperiment(def, { ...base, data: { ...base.data, count: 50 }, out, executor: fakeExecutor() }),
    ).rejects.toThrow(/--fresh/);
    const fresh = await runExperiment(def, {
      ...base,
      data: { ...base.data, count: 50 },
      out,
      fresh: true,
      executor: fakeExecutor(),
    });
    expect(fresh.resumed).toBe(0);
  });
});
