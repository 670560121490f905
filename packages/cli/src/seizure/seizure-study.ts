import { join } from 'node:path';
import { type OptionsSchema, createRng, option, resolveOptions, rule } from '@memsim/core';
import { accuracyLineSpec, initPng, renderPng, renderSvg } from '@memsim/plot';
import type { Dataset } from '../data/dataset';
import { CsvLog, type CsvRow } from '../experiments/csv-log';
import type { HardwareSpec } from '../experiments/hardware';
import { meanStd } from '../experiments/runner';
import { simulateTrial } from '../experiments/simulate';
import { writeOutput } from '../internal/files';
import { cliRule } from '../internal/option-rules';
import { createProgress } from '../internal/progress';
import { trainModel } from '../model/train';
import { tf } from '../tf/backend';
import { initBackend } from '@memsim/layers';
import { f1Score, readSeizureCsv } from './seizure-data';

/** The case study's VTEAM device (MemTorch 1.1.0 docs, seizure case study). */
export const SEIZURE_DEVICE: Readonly<Record<string, number>> = Object.freeze({
  timeSeriesResolution: 1e-6,
  alphaOff: 1,
  alphaOn: 3,
  vOff: 0.5,
  vOn: -0.53,
  rOff: 2.5e3,
  rOn: 100,
  kOff: 4.03e-8,
  kOn: -80,
  d: 10e-9,
  xOn: 0,
  xOff: 10e-9,
});

/**
 * Options of {@link runSeizureStudy}.
 *
 * @example
 * // (typechecked, not run: needs the UCI Epileptic Seizure Recognition CSV; minutes)
 * const options: SeizureStudyOptions = { csv: 'data.csv', seed: 1, out: 'results/seizure', folds: 5, epochs: 20, sigmas: [0, 250, 500], seeds: 1, nonLinear: true }; // the defaults
 * const { summary } = await runSeizureStudy(options);
 */
export interface SeizureStudyOptions {
  csv: string;
  folds?: number;
  epochs?: number;
  /** Device-to-device σ values [Ω]: rOn ~ N(100, σ), rOff ~ N(2500, 2σ). */
  sigmas?: number[];
  seeds?: number;
  /** Also read the ideal network through the devices' non-linear I-V (case study experiment 6). Default true. */
  nonLinear?: boolean;
  seed: number;
  out: string;
  fresh?: boolean;
  progress?: NodeJS.WritableStream | null;
}

// The rules of `memsim experiment seizure` (at least 2 folds: each trains on the others).
const SCHEMA = {
  csv: option.requiredByRule(cliRule.text('the path of the UCI Epileptic Seizure Recognition CSV')),
  folds: option.withDefault(rule.integerRange(2, Number.MAX_SAFE_INTEGER), 5),
  epochs: option.withDefault(rule.positiveInteger, 20),
  sigmas: option.withDefault(
    cliRule.list(rule.nonNegative, 'a non-empty array of device-to-device σ values >= 0 [Ω]'),
    [0, 250, 500],
  ),
  seeds: option.withDefault(rule.positiveInteger, 1),
  nonLinear: option.withDefault(rule.boolean, true),
  seed: option.requiredByRule(cliRule.seed),
  out: option.requiredByRule(cliRule.text('a non-empty output directory path')),
  fresh: option.withDefault(rule.boolean, false),
  progress: option.optional(cliRule.stream),
} satisfies OptionsSchema<SeizureStudyOptions>;

/**
 * One aggregated row of the seizure study.
 *
 * @example
 * // (typechecked, not run: needs the UCI Epileptic Seizure Recognition CSV; minutes)
 * const { summary } = await runSeizureStudy({ csv: 'data.csv', seed: 1, out: 'results/seizure' });
 * const rows: SeizureSummary[] = summary; // one row per variant and σ
 * rows.map((r) => `${r.variant} σ=${r.sigma}: F1 ${r.f1.toFixed(3)} ± ${r.f1Std.toFixed(3)}`);
 */
export interface SeizureSummary {
  variant: string;
  sigma: number;
  f1: number;
  f1Std: number;
  accuracy: number;
  n: number;
}

const COLUMNS = ['fold', 'variant', 'sigma', 'seed', 'samples', 'f1', 'accuracy'];

function buildEegNet(features: number, seed: number): tf.LayersModel {
  const init = (k: number) => tf.initializers.glorotUniform({ seed: seed * 16 + k });
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [features], units: 200, activation: 'relu', kernelInitializer: init(1) }));
  model.add(tf.layers.dense({ units: 200, activation: 'relu', kernelInitializer: init(2) }));
  model.add(tf.layers.dense({ units: 200, activation: 'relu', kernelInitializer: init(3) }));
  model.add(tf.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: init(4) }));
  return model;
}

function subset(x: Float32Array, y: Int32Array, features: number, idx: number[]): Dataset {
  const xs = new Float32Array(idx.length * features);
  const ys = new Int32Array(idx.length);
  idx.forEach((i, k) => {
    xs.set(x.subarray(i * features, (i + 1) * features), k * features);
    ys[k] = y[i]!;
  });
  return { name: 'seizure', x: xs, y: ys, count: idx.length, features, shape: [features], classes: 2 };
}

/**
 * The seizure-detection case study: 178-feature MLP (Dense 200-200-200-2), k-fold cross-validation with a seeded
 * shuffle, F1 of the seizure class for the digital network, the memristive network (the case study's VTEAM, 1T1R,
 * double column, tuned), a device-to-device variability sweep and a read-out through the devices' non-linear I-V. Rows go to `OUT/seizure.csv` as they finish;
 * a rerun resumes (a fold whose rows are all present is not retrained).
 *
 * @throws {InvalidParameterError} when the CSV is unreadable or not in the UCI format, or an option is unknown,
 *   missing or breaks its rule (checked before the backend starts).
 * @example
 * // (typechecked, not run: needs the UCI Epileptic Seizure Recognition CSV; minutes)
 * await runSeizureStudy({ csv: 'data.csv', seed: 1, out: 'results/seizure' });
 */
export async function runSeizureStudy(
  options: SeizureStudyOptions,
): Promise<{ csv: string; rows: CsvRow[]; summary: SeizureSummary[]; svg: string; files: string[] }> {
  const o = resolveOptions('runSeizureStudy', options, SCHEMA);
  await initBackend();
  const data = readSeizureCsv(o.csv);
  const folds = Math.min(o.folds, data.count);
  const { sigmas, seeds } = o;
  const order = Array.from({ length: data.count }, (_, i) => i);
  const rng = createRng(o.seed);
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.integer(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const trials: { variant: string; sigma: number; seed: number }[] = [{ variant: 'digital', sigma: 0, seed: o.seed }];
  for (const sigma of sigmas)
    for (let s = 0; s < (sigma === 0 ? 1 : seeds); s++) trials.push({ variant: 'memristive', sigma, seed: o.seed + s });
  if (o.nonLinear) trials.push({ variant: 'nonlinear', sigma: 0, seed: o.seed });
  const csv = join(o.out, 'seizure.csv');
  const log = new CsvLog(csv, COLUMNS, { fresh: o.fresh });
  const key = (fold: number | string, t: { variant: string; sigma: number | string; seed: number | string }) =>
    `${fold}|${t.variant}|${t.sigma}|${t.seed}`;
  const have = new Map(
    log.existing.map((r) => [key(r.fold!, { variant: r.variant!, sigma: r.sigma!, seed: r.seed! }), r]),
  );
  const rows: CsvRow[] = [...log.existing];
  const progress = createProgress({
    label: 'seizure',
    total: folds * trials.length,
    done: have.size,
    stream: o.progress,
  });
  for (let fold = 0; fold < folds; fold++) {
    const todo = trials.filter((t) => !have.has(key(fold, t)));
    if (todo.length === 0) continue;
    const testIdx = order.filter((_, k) => k % folds === fold);
    const trainIdx = order.filter((_, k) => k % folds !== fold);
    const train = subset(data.x, data.y, data.features, trainIdx);
    const test = subset(data.x, data.y, data.features, testIdx);
    const model = await trainModel('eegnet', train, {
      epochs: o.epochs,
      batchSize: 128,
      learningRate: 1e-3,
      seed: o.seed + fold,
      model: buildEegNet(data.features, o.seed + fold),
      progress: null,
    });
    for (const t of todo) {
      const spec: HardwareSpec | null =
        t.variant === 'digital'
          ? null
          : {
              device: 'VTEAM',
              deviceParams: { ...SEIZURE_DEVICE },
              rOn: 100,
              rOff: 2500,
              sigma: t.sigma,
              tileShape: null,
              adcBits: null,
              maxInputVoltage: 1,
              transistor: true,
              states: null,
              lrs: 0,
              hrs: 0,
              tune: true,
              nonLinear: t.variant === 'nonlinear',
              // the non-linear read-out evaluates the device model per cell and input: calibrate on fewer rows
              ...(t.variant === 'nonlinear' ? { tuneSamples: 128 } : {}),
            };
      const r = await simulateTrial(model, spec, t.seed, test);
      // A trial whose devices cannot be drawn (rOn / rOff distributions overlapping at large σ) has no F1.
      const ok = r.failure === undefined;
      const row: CsvRow = {
        fold: String(fold),
        variant: t.variant,
        sigma: String(t.sigma),
        seed: String(t.seed),
        samples: String(test.count),
        f1: ok ? String(f1Score(test.y, r.predictions)) : '',
        accuracy: ok ? String(r.accuracy) : '',
      };
      log.append(row);
      rows.push(row);
      progress.tick(
        `fold ${fold + 1}/${folds} ${t.variant} σ=${t.sigma}: ${ok ? `F1 ${Number(row.f1).toFixed(3)}` : 'failed (devices could not be drawn)'}`,
      );
    }
    model.dispose();
  }
  const groups = new Map<string, CsvRow[]>();
  for (const r of rows) {
    const k = `${r.variant}|${r.sigma}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const summary: SeizureSummary[] = [...groups.entries()].flatMap(([k, all]) => {
    const [variant, sigma] = k.split('|');
    const rs = all.filter((r) => r.f1 !== '');
    if (rs.length === 0) return [];
    const f1 = meanStd(rs.map((r) => Number(r.f1)));
    return [
      {
        variant: variant!,
        sigma: Number(sigma),
        f1: f1.mean,
        f1Std: f1.std,
        accuracy: meanStd(rs.map((r) => Number(r.accuracy))).mean,
        n: rs.length,
      },
    ];
  });
  const digital = summary.find((s) => s.variant === 'digital');
  const mem = summary.filter((s) => s.variant === 'memristive').sort((a, b) => a.sigma - b.sigma);
  const svg = await renderSvg(
    accuracyLineSpec(
      mem.map((s) => ({ x: s.sigma, accuracy: s.f1, ...(s.n > 1 ? { error: s.f1Std } : {}) })),
      {
        title: 'Seizure detection: F1 vs device-to-device σ (5-fold CV)',
        xTitle: 'σ [Ω] (rOn ~ N(100, σ), rOff ~ N(2500, 2σ))',
        yTitle: 'F1 (seizure class)',
        ...(digital ? { digital: digital.f1 } : {}),
      },
    ),
  );
  const files = [csv, join(o.out, 'seizure.svg'), join(o.out, 'seizure.png'), join(o.out, 'seizure.json')];
  writeOutput(files[1]!, svg);
  await initPng();
  writeOutput(files[2]!, renderPng(svg));
  writeOutput(
    files[3]!,
    `${JSON.stringify({ csv: o.csv, folds, samples: data.count, features: data.features, summary }, null, 2)}\n`,
  );
  return { csv, rows, summary, svg, files };
}
