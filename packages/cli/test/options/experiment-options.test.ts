import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRng } from '@memsim/core';
import { describe, expect, it } from 'vitest';
import {
  CsvLog,
  type SweepInputs,
  type TrialExecutor,
  getExperiment,
  runDeviceSweep,
  runExperiment,
  runSeizureStudy,
  runSweep,
} from '../../src/index';
import { tempDir } from '../helpers';
import { type OptionCase, expectRejected, unknownKey } from './cases';

// Issue 20: the device sweep, the experiment runners and the results log resolve their options through core's
// resolveOptions and a schema typed against their options interface (nested configs — `inputs`, `queue`,
// `measured` — by their own schemas). A bad option is an InvalidParameterError naming it, before anything is loaded,
// trained or written.

// ---------------------------------------------------------------------------------------------------- runDeviceSweep
const deviceCases: OptionCase[] = [
  [
    'unknown key',
    () => runDeviceSweep('VTEAM', { seed: 1, amplitud: 1 } as never),
    unknownKey(
      'runDeviceSweep',
      'amplitud',
      ['params', 'duration', 'amplitude', 'frequency', 'seed', 'out', 'maxSamples', 'progress', 'png'],
      'amplitude',
    ),
  ],
  [
    'seed: missing',
    () => runDeviceSweep('VTEAM', {} as never),
    /`seed` must be a non-negative integer.*received undefined/,
  ],
  [
    'params: a string',
    () => runDeviceSweep('VTEAM', { seed: 1, params: 'rOn=100' as never }),
    /`params` must be an object of model parameters/,
  ],
  [
    'params: a null value',
    () => runDeviceSweep('VTEAM', { seed: 1, params: { rOn: null as never } }),
    /`params` must be an object of model parameters/,
  ],
  [
    'duration: 0',
    () => runDeviceSweep('VTEAM', { seed: 1, duration: 0 }),
    /`duration` must be a finite number > 0; received 0/,
  ],
  [
    'amplitude: negative',
    () => runDeviceSweep('VTEAM', { seed: 1, amplitude: -1 }),
    /`amplitude` must be a finite number >= 0; received -1/,
  ],
  [
    'frequency: NaN',
    () => runDeviceSweep('VTEAM', { seed: 1, frequency: Number.NaN }),
    /`frequency` must be a finite number > 0; received NaN/,
  ],
  [
    'maxSamples: 1',
    () => runDeviceSweep('VTEAM', { seed: 1, maxSamples: 1 }),
    /`maxSamples` must be an integer in \[2, \d+\]; received 1/,
  ],
  [
    'out: empty',
    () => runDeviceSweep('VTEAM', { seed: 1, out: '' }),
    /`out` must be a non-empty output directory path; received ''/,
  ],
  [
    'png: a string',
    () => runDeviceSweep('VTEAM', { seed: 1, png: 'no' as never }),
    /`png` must be true or false; received 'no'/,
  ],
  [
    'progress: a number',
    () => runDeviceSweep('VTEAM', { seed: 1, progress: 1 as never }),
    /`progress` must be a writable stream/,
  ],
];

// ------------------------------------------------------------------------------------------------------------ CsvLog
const logDir = tempDir('memsim-options-log-');
const newLog = join(logDir, 'never-written.csv');
const logCases: OptionCase[] = [
  [
    'unknown key',
    () => new CsvLog(newLog, ['a'], { resume: true } as never),
    unknownKey('CsvLog', 'resume', ['fresh', 'validate']),
  ],
  [
    'fresh: a string',
    () => new CsvLog(newLog, ['a'], { fresh: 'yes' as never }),
    /`fresh` must be true or false; received 'yes'/,
  ],
  [
    'validate: not a function',
    () => new CsvLog(newLog, ['a'], { validate: 'strict' as never }),
    /`validate` must be a function .*received 'strict'/,
  ],
  ['options: a string', () => new CsvLog(newLog, ['a'], 'fresh' as never), /`options` must be an options object/],
];

// ----------------------------------------------------------------------------------------------------- runExperiment
const faults = getExperiment('faults');
/** A stand-in executor: every trial scores 0.5 (the runner is what is under test). */
const executor: TrialExecutor = {
  workers: 1,
  async run(tasks, onResult) {
    for (const t of tasks) onResult(t, { accuracy: 0.5, timing: { patch: 0, tune: 0, inference: 0 } });
  },
};
const inputs: SweepInputs = { study: 'faults', model: 'abc', data: 'def', samples: 10, points: [], seeds: 1, seed: 1 };
const run = (extra: Record<string, unknown>) =>
  runExperiment(faults, {
    arch: 'fake',
    data: { count: 10, name: 'x', classes: 10 },
    seed: 1,
    seeds: 1,
    points: [{ kind: 'LRS', rate: 0 }],
    out: tempDir('memsim-options-run-'),
    executor,
    progress: null,
    ...extra,
  });
const experimentCases: OptionCase[] = [
  [
    'unknown key',
    () => run({ worker: 2 }),
    unknownKey('runExperiment', 'worker', [
      'arch',
      'data',
      'scale',
      'points',
      'seeds',
      'seed',
      'out',
      'fresh',
      'executor',
      'inputs',
      'progress',
    ]),
  ],
  ['arch: empty', () => run({ arch: '' }), /`arch` must be a network label for the CSV name.*received ''/],
  [
    'data: null',
    () => run({ data: null }),
    /`data` must be the evaluation data: a Dataset, or \{ count, name, classes \}; received null/,
  ],
  [
    'data.count: negative',
    () => run({ data: { count: -1, name: 'x', classes: 10 } }),
    /`data\.count` must be a non-negative integer.*received -1/,
  ],
  [
    'data.classes: 0',
    () => run({ data: { count: 1, name: 'x', classes: 0 } }),
    /`data\.classes` must be a positive integer.*received 0/,
  ],
  ['scale', () => run({ scale: 'medium' }), /`scale` must be one of 'full', 'quick'; received 'medium'/],
  ['points: empty', () => run({ points: [] }), /`points` must be a non-empty array of sweep points/],
  ['points: a null value', () => run({ points: [{ kind: null, rate: 0 }] }), /`points\[0\]` must be a sweep point/],
  [
    'points: a missing parameter (explicit check)',
    () => run({ points: [{ kind: 'LRS', rate: 0 }, { rate: 0.1 }] }),
    /`points\[1\]\.kind` must be a value: every point of 'faults' sets `kind`, `rate`; received undefined/,
  ],
  ['seeds: 0', () => run({ seeds: 0 }), /`seeds` must be a positive integer.*received 0/],
  ['seed: fractional', () => run({ seed: 1.5 }), /`seed` must be a non-negative integer.*received 1\.5/],
  ['out: a number', () => run({ out: 5 }), /`out` must be a non-empty output directory path; received 5/],
  ['fresh: 1', () => run({ fresh: 1 }), /`fresh` must be true or false; received 1/],
  ['executor: missing', () => run({ executor: undefined }), /`executor` must be a TrialExecutor.*received undefined/],
  ['executor: no run', () => run({ executor: { workers: 1, run: 1 } }), /`executor` must be a TrialExecutor/],
  ['inputs: a string', () => run({ inputs: 'x' }), /`inputs` must be the inputs record/],
  [
    'inputs: an unknown key',
    () => run({ inputs: { ...inputs, sead: 1 } }),
    unknownKey(
      'runExperiment inputs',
      'sead',
      ['study', 'model', 'data', 'samples', 'points', 'seeds', 'seed', 'device'],
      'seed',
    ),
  ],
  [
    'inputs.samples: negative',
    () => run({ inputs: { ...inputs, samples: -1 } }),
    /`inputs\.samples` must be a non-negative integer.*received -1/,
  ],
  [
    'inputs.model: missing',
    () => run({ inputs: { ...inputs, model: undefined } }),
    /`inputs\.model` must be a content hash of the model.*received undefined/,
  ],
  ['progress: an object', () => run({ progress: {} }), /`progress` must be a writable stream/],
];

// ---------------------------------------------------------------------------------------------------------- runSweep
const sweepBase = {
  arch: 'mlp',
  limit: 16,
  seed: 1,
  png: false,
  progress: null,
  points: [{ kind: 'LRS', rate: 0 }],
  seeds: 1,
};
const sweep = (extra: Record<string, unknown>) =>
  runSweep('faults', { ...sweepBase, out: tempDir('memsim-options-sweep-'), ...extra } as never);
const measured = { file: 'pulses.csv', csv: 'cycle,pulse,polarity,conductance\n' };
const sweepCases: OptionCase[] = [
  [
    'unknown key',
    () => sweep({ worker: 2 }),
    unknownKey(
      'runSweep',
      'worker',
      [
        'arch',
        'model',
        'dataset',
        'data',
        'labels',
        'limit',
        'scale',
        'points',
        'seeds',
        'seed',
        'out',
        'fresh',
        'workers',
        'threads',
        'pool',
        'queue',
        'png',
        'measured',
        'progress',
      ],
      'workers',
    ),
  ],
  ['arch: a number', () => sweep({ arch: 3 }), /`arch` must be a shipped network: 'mlp' or 'cnn'; received 3/],
  ['model: empty', () => sweep({ model: '' }), /`model` must be a model directory or \.onnx file path; received ''/],
  [
    'dataset',
    () => sweep({ dataset: 'svhn' }),
    /`dataset` must be one of 'mnist', 'fashion-mnist', 'cifar10'; received 'svhn'/,
  ],
  ['data: a number', () => sweep({ data: 7 }), /`data` must be a path to an IDX directory/],
  ['labels: a number', () => sweep({ labels: 7 }), /`labels` must be a path to a \.npy label vector/],
  [
    'limit: 0',
    () => sweep({ limit: 0 }),
    /`limit` must be a positive integer \(or Infinity: every sample\); received 0/,
  ],
  ['scale', () => sweep({ scale: 'big' }), /`scale` must be one of 'full', 'quick'; received 'big'/],
  ['points: a string', () => sweep({ points: 'all' }), /`points` must be a non-empty array of sweep points/],
  ['points: NaN', () => sweep({ points: [{ kind: 'LRS', rate: Number.NaN }] }), /`points\[0\]` must be a sweep point/],
  ['seeds: fractional', () => sweep({ seeds: 2.5 }), /`seeds` must be a positive integer.*received 2\.5/],
  ['seed: missing', () => sweep({ seed: undefined }), /`seed` must be a non-negative integer.*received undefined/],
  [
    'out: missing',
    () => runSweep('faults', sweepBase as never),
    /`out` must be a non-empty output directory path; received undefined/,
  ],
  ['fresh: a string', () => sweep({ fresh: 'no' }), /`fresh` must be true or false; received 'no'/],
  ['workers: 0', () => sweep({ workers: 0 }), /`workers` must be an integer in \[1, 64\]; received 0/],
  ['workers: 65', () => sweep({ workers: 65 }), /`workers` must be an integer in \[1, 64\]; received 65/],
  ['threads: 0', () => sweep({ threads: 0 }), /`threads` must be an integer in \[1, 64\]; received 0/],
  ['pool: not a pool', () => sweep({ pool: {} }), /`pool` must be a running WorkerPool/],
  ['queue: a URL string', () => sweep({ queue: 'redis://localhost' }), /`queue` must be queue options \{ url/],
  ['queue.url: missing', () => sweep({ queue: {} }), /`queue\.url` must be a Redis URL.*received undefined/],
  [
    'queue: an unknown key',
    () => sweep({ queue: { url: 'redis://localhost', attemps: 2 } }),
    unknownKey('runSweep queue', 'attemps', ['url', 'name', 'attempts', 'timeout', 'engine'], 'attempts'),
  ],
  [
    'queue.attempts: 0',
    () => sweep({ queue: { url: 'redis://localhost', attempts: 0 } }),
    /`queue\.attempts` must be an integer in \[1, 100\]; received 0/,
  ],
  [
    'queue.timeout: negative',
    () => sweep({ queue: { url: 'redis://localhost', timeout: -1 } }),
    /`queue\.timeout` must be a finite number > 0; received -1/,
  ],
  [
    'queue.engine',
    () => sweep({ queue: { url: 'redis://localhost', engine: 'fast' } }),
    /`queue\.engine` must be one of 'trial', 'noop'; received 'fast'/,
  ],
  ['png: 1', () => sweep({ png: 1 }), /`png` must be true or false; received 1/],
  ['measured: a path', () => sweep({ measured: 'pulses.csv' }), /`measured` must be a measured device \{ file, csv \}/],
  [
    'measured.csv: missing',
    () => sweep({ measured: { file: 'pulses.csv' } }),
    /`measured\.csv` must be the CSV text of the measurements.*received undefined/,
  ],
  [
    'measured: an unknown key',
    () => sweep({ measured: { ...measured, path: '/tmp/pulses.csv' } }),
    unknownKey('runSweep measured', 'path', ['file', 'csv']),
  ],
  [
    'measured with queue (explicit check)',
    () => sweep({ measured, queue: { url: 'redis://localhost' } }),
    /`measured` must be given without `queue`.*received 'pulses\.csv'/,
  ],
  ['progress: a string', () => sweep({ progress: 'x' }), /`progress` must be a writable stream/],
];

// --------------------------------------------------------------------------------------------------- runSeizureStudy
/** A small CSV in the UCI seizure format (id, X1…X178, y ∈ 1…5); class 1 oscillates more. */
function seizureCsv(rows: number): string {
  const rng = createRng(4);
  const lines = [['', ...Array.from({ length: 178 }, (_, i) => `X${i + 1}`), 'y'].map((h) => `"${h}"`).join(',')];
  for (let r = 0; r < rows; r++) {
    const y = 1 + (r % 5);
    const amp = y === 1 ? 400 : 60;
    lines.push(
      [
        `X${r}.V1`,
        ...Array.from({ length: 178 }, (_, t) => Math.round(amp * Math.sin(0.1 * t + rng.uniform()))),
        y,
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}
const seizureDir = tempDir('memsim-options-seizure-');
const seizurePath = join(seizureDir, 'uci.csv');
writeFileSync(seizurePath, seizureCsv(20));
const seizure = (extra: Record<string, unknown>) =>
  runSeizureStudy({ csv: seizurePath, seed: 1, out: tempDir('memsim-options-seizure-out-'), ...extra } as never);
const seizureCases: OptionCase[] = [
  [
    'unknown key',
    () => seizure({ fold: 2 }),
    unknownKey(
      'runSeizureStudy',
      'fold',
      ['csv', 'folds', 'epochs', 'sigmas', 'seeds', 'nonLinear', 'seed', 'out', 'fresh', 'progress'],
      'folds',
    ),
  ],
  [
    'csv: missing',
    () => seizure({ csv: undefined }),
    /`csv` must be the path of the UCI Epileptic Seizure Recognition CSV; received undefined/,
  ],
  ['csv: a number', () => seizure({ csv: 3 }), /`csv` must be the path of the UCI .*received 3/],
  ['folds: 1', () => seizure({ folds: 1 }), /`folds` must be an integer in \[2, \d+\]; received 1/],
  ['folds: fractional', () => seizure({ folds: 2.5 }), /`folds` must be an integer in \[2, \d+\]; received 2\.5/],
  ['epochs: 0', () => seizure({ epochs: 0 }), /`epochs` must be a positive integer.*received 0/],
  [
    'sigmas: a number',
    () => seizure({ sigmas: 250 }),
    /`sigmas` must be a non-empty array of device-to-device σ values/,
  ],
  ['sigmas: empty', () => seizure({ sigmas: [] }), /`sigmas` must be a non-empty array/],
  [
    'sigmas: a negative σ',
    () => seizure({ sigmas: [0, -5] }),
    /`sigmas\[1\]` must be a finite number >= 0; received -5/,
  ],
  ['seeds: 0', () => seizure({ seeds: 0 }), /`seeds` must be a positive integer.*received 0/],
  ['nonLinear: a string', () => seizure({ nonLinear: 'yes' }), /`nonLinear` must be true or false; received 'yes'/],
  ['seed: negative', () => seizure({ seed: -1 }), /`seed` must be a non-negative integer.*received -1/],
  ['out: empty', () => seizure({ out: '' }), /`out` must be a non-empty output directory path; received ''/],
  ['fresh: 0', () => seizure({ fresh: 0 }), /`fresh` must be true or false; received 0/],
  ['progress: true', () => seizure({ progress: true }), /`progress` must be a writable stream.*received true/],
];

describe('experiment and device options (issue 20)', () => {
  it.each(deviceCases)('runDeviceSweep rejects %s', (_label, call, message) =>
    expectRejected('runDeviceSweep', call, message),
  );
  it.each(logCases)('CsvLog rejects %s', async (_label, call, message) => {
    await expectRejected('CsvLog', call, message);
    expect(existsSync(newLog)).toBe(false); // refused before the file is touched
  });
  it.each(experimentCases)('runExperiment rejects %s', (_label, call, message) =>
    expectRejected('runExperiment', call, message),
  );
  it.each(sweepCases)('runSweep rejects %s', (_label, call, message) => expectRejected('runSweep', call, message));
  it.each(seizureCases)('runSeizureStudy rejects %s', (_label, call, message) =>
    expectRejected('runSeizureStudy', call, message),
  );

  it('runDeviceSweep: given options apply (maxSamples coarsens the step), absent ones take the defaults', async () => {
    const capped = await runDeviceSweep('VTEAM', { seed: 1, maxSamples: 500, png: false, progress: null });
    const full = await runDeviceSweep('VTEAM', { seed: 1 });
    expect(full.samples).toBe(2001); // VTEAM's 200 ns loop at 0.1 ns
    expect(capped.dt.hysteresis).toBeCloseTo(full.dt.hysteresis * 4, 15); // 200 ns / 500 samples
    expect(capped.samples).toBeLessThanOrEqual(502);
    expect(capped.files).toEqual([]); // no out: nothing written
  });

  it('CsvLog: validate refuses a bad resumed row; fresh starts over', () => {
    const path = join(logDir, 'rows.csv');
    const first = new CsvLog(path, ['a', 'b']);
    first.append({ a: '1', b: '2' });
    expect(() => new CsvLog(path, ['a', 'b'], { validate: (row) => (row.a === '1' ? 'a is 1' : null) })).toThrow(
      /line 2: a is 1/,
    );
    expect(new CsvLog(path, ['a', 'b'], { validate: () => null }).existing).toEqual([{ a: '1', b: '2' }]);
    expect(new CsvLog(path, ['a', 'b'], { fresh: true }).existing).toEqual([]);
    expect(readFileSync(path, 'utf8')).toBe('a,b\n');
  });

  it('runExperiment: a valid call runs the grid and writes the inputs record', async () => {
    const out = tempDir('memsim-options-run-ok-');
    const r = await run({ out, inputs: { ...inputs, points: [{ kind: 'LRS', rate: 0 }] }, fresh: true });
    expect([r.ran, r.resumed, r.summary[0]!.mean]).toEqual([1, 0, 0.5]);
    expect(JSON.parse(readFileSync(join(out, 'faults-fake.inputs.json'), 'utf8')).samples).toBe(10);
    expect((await run({ out, inputs: { ...inputs, points: [{ kind: 'LRS', rate: 0 }] } })).resumed).toBe(1);
  });

  it('runSweep: a valid call on the shipped MLP and 16 embedded MNIST images', async () => {
    const report = await sweep({ workers: 1, scale: 'quick', fresh: true });
    expect([report.ran, report.samples, report.dataset]).toEqual([1, 16, 'mnist']);
    expect(report.files.some((f) => f.endsWith('.png'))).toBe(false); // png: false
  }, 120_000);

  it('runSeizureStudy: a valid call with 2 folds, one σ and no non-linear read-out', async () => {
    const r = await seizure({ folds: 2, epochs: 1, sigmas: [0], seeds: 1, nonLinear: false, progress: null });
    expect(r.rows).toHaveLength(2 * 2); // 2 folds × (digital + σ = 0)
    expect(r.summary.map((s) => s.variant).sort()).toEqual(['digital', 'memristive']);
  }, 120_000);
});
