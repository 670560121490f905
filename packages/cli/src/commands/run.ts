import { join, relative } from 'node:path';
import { DATASET_NAMES, type DatasetName, loadDataset } from '../data/dataset';
import { availableDeviceModels, runDeviceSweep } from '../device/device-sweep';
import type { SweepPoint } from '../experiments/definitions';
import { type SweepReport, runSweep } from '../experiments/run-sweep';
import { layersPatchModel, STUDY_READOUT_TEXT } from '../experiments/simulate';
import { WorkerPool } from '../experiments/executor';
import { option, rule } from '@memsim/core';
import { numberArg, resolveArgs } from '../internal/arg-rules';
import { SHARED_ARGS } from './shared-args';
import { writeOutput } from '../internal/files';
import { evaluate } from '../model/evaluate';
import { loadNetwork } from '../model/network';
import { fitDataToModel } from '../data/fit-to-model';
import { nonidealityHeatmap } from '../report/heatmap';
import { type ReportSection, renderHtmlReport } from '../report/html';
import { initPng, renderPng } from '@memsim/plot';
import type { tf } from '../tf/backend';
import { initBackend } from '@memsim/layers';
import { checkOneOf } from '@memsim/core';
import { COMMON_OPTIONS, type Command, DATA_OPTIONS } from './command';
import { outDirectory } from '../internal/out-dir';

/** One stop of the tour: an experiment with a few points. */
interface TourStop {
  experiment: string;
  label: string;
  points: SweepPoint[];
  /** Seeds (Monte-Carlo repetitions); 1 when nothing is random. */
  seeds: number;
  /** Network and test images for this stop when they differ from the tour's (the passive solve is costly). */
  arch?: string;
  limit?: number;
}

/**
 * The quick tour: the tutorial plus one point of each study.
 *
 * @example
 * tourStops(1).map((s) => s.experiment)[0]; // → 'tutorial' (the stops of `memsim run`)
 */
export function tourStops(seeds: number): TourStop[] {
  return [
    {
      experiment: 'tutorial',
      label: 'Tutorial (VTEAM, 1T1R, 128×128 tiles, 8-bit ADC, ±1 V)',
      points: [{ variant: 'memristive' }, { variant: 'memristive-untuned' }],
      seeds: 1,
    },
    {
      experiment: 'variability',
      label: 'P1 variability, σ = 0 and 50 Ω',
      points: [{ sigma: 0 }, { sigma: 50 }],
      seeds,
    },
    {
      experiment: 'finite-states',
      label: 'P2 finite states, 2 and 8 states',
      points: [{ states: 2 }, { states: 8 }],
      seeds: 1,
    },
    {
      experiment: 'faults',
      label: 'P3 faults, 10 % stuck at LRS / HRS',
      points: [
        { kind: 'LRS', rate: 0.1 },
        { kind: 'HRS', rate: 0.1 },
      ],
      seeds,
    },
    {
      experiment: 'states-ratio',
      label: 'S1 states × ratio, 4 states, rOff/rOn = 8, σ = 20 Ω',
      points: [{ sigma: 20, ratio: 8, states: 4 }],
      seeds,
    },
    {
      experiment: 'states-faults',
      label: 'S2 states × faults, 4 states, 10 % failed (half LRS, half HRS), σ = 20 Ω',
      points: [{ sigma: 20, kind: 'both', rate: 0.1, states: 4 }],
      seeds,
    },
    { experiment: 'adc', label: 'ADC, 4 bits, 128×128 tiles', points: [{ tile: '128x128', bits: 4 }], seeds: 1 },
    {
      experiment: 'programming-noise',
      label: 'Programming noise (aihwkit PCM and ReRAM Wan 2022 σ), scale 1 and 3',
      points: [
        { model: 'pcm', scale: 1 },
        { model: 'pcm', scale: 3 },
        { model: 'reram', scale: 1 },
        { model: 'reram', scale: 3 },
      ],
      seeds: Math.min(seeds, 2),
    },
    {
      experiment: 'drift',
      label: 'PCM drift (programming, 1/f read noise, drift) at 1 s and 1 year, with and without compensation',
      points: ['off', 'on'].flatMap((compensation) => [1, 31536000].map((time) => ({ compensation, time }))),
      seeds: Math.min(seeds, 2),
    },
    {
      experiment: 'line-resistance',
      label: 'Line resistance, 32×32 passive tiles, 1 and 50 Ω (0T1R: every tile a resistive grid circuit)',
      points: [
        { tile: 32, lineResistance: 1 },
        { tile: 32, lineResistance: 50 },
      ],
      seeds: 1,
    },
  ];
}

/**
 * Row of the printed summary table.
 *
 * @example
 * const row: TourRow = { study: 'faults', setting: '5 % stuck', accuracy: 0.95, std: 0.01, n: 3, digital: 0.98 };
 * formatTourTable([row]); // → an aligned table; the Δ column is −3.00 points
 */
export interface TourRow {
  study: string;
  setting: string;
  accuracy: number;
  std: number;
  n: number;
  digital: number;
}

/** A difference of accuracies in percentage points, without a negative zero. */
function signedPercent(d: number): string {
  const s = (100 * d).toFixed(2);
  return s === '-0.00' ? '0.00' : s;
}

/**
 * Formats the tour's summary table.
 *
 * @example
 * formatTourTable([{ study: 'faults', setting: '5 % stuck', accuracy: 0.95, std: 0.01, n: 3, digital: 0.98 }]);
 */
export function formatTourTable(rows: TourRow[]): string {
  const header = ['study', 'setting', 'accuracy', '± std', 'seeds', 'digital (same images)', 'Δ [points]'];
  const cells = rows.map((r) => [
    r.study,
    r.setting,
    Number.isFinite(r.accuracy) ? `${(100 * r.accuracy).toFixed(2)} %` : 'failed',
    r.n > 1 ? (100 * r.std).toFixed(2) : '-',
    String(r.n),
    `${(100 * r.digital).toFixed(2)} %`,
    signedPercent(r.accuracy - r.digital),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((x, i) => x.padEnd(widths[i]!)).join('  ');
  return `${[line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n')}\n`;
}

/** The numeric flags of `memsim run`, resolved once. */
const RUN_ARGS = {
  ...SHARED_ARGS,
  seeds: option.withDefault(numberArg(rule.positiveInteger), 3),
  limit: option.withDefault(numberArg(rule.positiveInteger), 1000),
};

/** `memsim run`: the main job — a quick tour of the MemTorch studies with an HTML report. */
export const runCommand: Command = {
  name: 'run',
  defaultOut: 'report',
  usage:
    'memsim run [--out DIR] [--seeds N] [--limit N] [--workers N] [--threads N] [--seed N] [--model net.onnx --data x.npy --labels y.npy]',
  summary:
    'The main job: device sweeps of every model, digital accuracy of the shipped networks, the tutorial and one point of each study (several seeds for error bars) on embedded MNIST, written as OUT/index.html (tables and plots), CSVs, SVGs and PNGs, with a printed summary table.',
  options: {
    seeds: { type: 'string', description: 'Monte-Carlo seeds per stochastic point', default: '3' },
    limit: { type: 'string', description: 'test images per memristive trial', default: '1000' },
    workers: { type: 'string', description: 'worker threads for the trials (at most --threads)', default: '2' },
    threads: {
      type: 'string',
      description: "thread budget shared by the trial workers and the layers' GEMM threads",
      default: 'available cores',
    },
    arch: { type: 'string', description: 'network for the studies: cnn | mlp', default: 'cnn' },
    model: {
      type: 'string',
      description: 'your network instead: an ONNX file (PyTorch export) or a tfjs model directory; with --data',
    },
    resume: {
      type: 'boolean',
      description: 'resume from the study CSVs already in OUT (default: start over, the tour is quick)',
    },
    ...DATA_OPTIONS,
    ...COMMON_OPTIONS,
  },
  async run(args, context) {
    const started = performance.now();
    const v = args.values;
    const out = outDirectory('run', v.out, 'report');
    const { seed, seeds, limit, threads, workers: asked } = resolveArgs('run', v, RUN_ARGS);
    // One thread budget: trial workers never exceed it, and each trial's layers get their share of it.
    const workers = Math.min(threads, asked);
    const arch = String(v.arch ?? 'cnn');
    const dataset = checkOneOf('memsim run', '--dataset', v.dataset ?? 'mnist', DATASET_NAMES) as DatasetName;
    const data = v.data as string | undefined;
    const labels = v.labels as string | undefined;
    // The user's network (an .onnx or tfjs directory) replaces the shipped ones everywhere in the tour.
    const model = v.model as string | undefined;
    const say = (s: string) => context.progress?.write(`${s}\n`);
    const sections: ReportSection[] = [];
    const link = (p: string) => ({ label: relative(out, p), href: relative(out, p) });
    const backend = await initBackend();

    // 1. Devices
    say('memsim run: device sweeps');
    const deviceRows: string[][] = [];
    const deviceFigures: { caption: string; svg: string }[] = [];
    const deviceLinks: { label: string; href: string }[] = [];
    for (const name of availableDeviceModels()) {
      const r = await runDeviceSweep(name, { seed, out: join(out, 'devices'), maxSamples: 50_000 });
      deviceRows.push([
        r.model,
        String(r.samples),
        r.dt.hysteresis.toExponential(1),
        r.peakCurrent.toExponential(3),
        r.loopArea.toExponential(3),
        r.switchingRatio.toFixed(1),
      ]);
      deviceFigures.push(
        { caption: `${r.model}: hysteresis loop (sine drive)`, svg: r.svg.hysteresis },
        { caption: `${r.model}: bipolar switching (triangle drive, symlog current)`, svg: r.svg.switching },
      );
      deviceLinks.push(...r.files.filter((f) => f.endsWith('.csv')).map(link));
    }
    sections.push({
      title: 'Devices',
      text: 'Hysteresis loop and bipolar switching of every device model with its defaults (@memsim/devices); sweeps longer than 50 000 samples use a coarser time step (dt column).',
      table: {
        header: ['model', 'samples', 'dt [s]', 'peak |I| [A]', 'loop area [W]', 'switching ratio'],
        rows: deviceRows,
      },
      figures: deviceFigures,
      links: deviceLinks,
    });

    // 2. Digital baselines on the whole test split
    say('memsim run: digital accuracy of the shipped networks');
    const test = loadDataset({ dataset, data, split: 'test', ...(labels === undefined ? {} : { labels }) });
    const digital: Record<string, number> = {};
    const digitalRows: string[][] = [];
    for (const a of model !== undefined ? [model] : data === undefined ? ['mlp', 'cnn'] : [arch]) {
      const net = await loadNetwork(model !== undefined ? { model } : { arch: a }, test);
      const t0 = performance.now();
      const { accuracy } = await evaluate(
        (x) => net.model.predict(x) as tf.Tensor,
        fitDataToModel(test, net.model.inputs[0]!.shape),
      );
      digital[model !== undefined ? net.label : a] = accuracy;
      digitalRows.push([
        model !== undefined ? net.label : a,
        `${(100 * accuracy).toFixed(2)} %`,
        String(test.count),
        `${((performance.now() - t0) / 1000).toFixed(2)} s`,
      ]);
      net.model.dispose();
    }
    const heatNet = await loadNetwork(model !== undefined ? { model } : { arch }, test);
    const heat = await nonidealityHeatmap(heatNet.model, { seed });
    heatNet.model.dispose();
    sections.push({
      title: 'Digital networks',
      text: `${model !== undefined ? `Your network ${model}` : 'Shipped TensorFlow.js networks'} on the full ${test.name} test split (${backend} backend).`,
      table: { header: ['network', 'accuracy', 'test samples', 'inference'], rows: digitalRows },
    });

    if (heat !== null) {
      writeOutput(join(out, 'heatmap.svg'), heat.svg);
      await initPng();
      writeOutput(join(out, 'heatmap.png'), renderPng(heat.svg));
      sections.push({
        title: 'Conductances before and after non-idealities',
        text: heat.caption,
        figures: [{ caption: heat.caption, svg: heat.svg }],
        links: [link(join(out, 'heatmap.png'))],
      });
    }

    // 3. Memristive tour
    const tourRows: TourRow[] = [];
    const patchAvailable = layersPatchModel() !== null;
    if (!patchAvailable) {
      sections.push({
        title: 'Memristive studies: NOT RUN',
        text: 'This build of @memsim/layers has no patchModel, so the memristive studies were skipped; only devices and digital accuracy are reported.',
      });
      say('memsim run: @memsim/layers has no patchModel in this build; memristive studies skipped');
    } else {
      const stops = tourStops(seeds);
      const reports: SweepReport[] = [];
      const pool = workers > 1 ? new WorkerPool(workers, { threads }) : undefined;
      try {
        for (const [k, stop] of stops.entries()) {
          // With the user's network every stop runs on it (the shipped MLP of the passive stop is not used).
          const label = model === undefined ? stop.label : stop.label.replace('MLP, ', '');
          say(`memsim run: [${k + 1}/${stops.length}] ${label}`);
          const report = await runSweep(stop.experiment, {
            ...(model !== undefined ? { model } : { arch: stop.arch ?? arch }),
            dataset,
            data,
            ...(labels === undefined ? {} : { labels }),
            limit: Math.min(limit, stop.limit ?? limit),
            points: stop.points,
            seeds: stop.seeds,
            seed,
            out: join(out, 'studies'),
            fresh: v.resume !== true,
            workers,
            threads,
            pool,
            progress: context.progress,
          });
          reports.push(report);
          for (const s of report.summary)
            tourRows.push({
              study: `${stop.experiment}${model === undefined && stop.arch && stop.arch !== arch ? ` (${stop.arch})` : ''}`,
              setting: report.parameters.map((p) => `${p}=${s.point[p]}`).join(' '),
              accuracy: s.mean,
              std: s.std,
              n: s.n,
              digital: report.digitalAccuracy,
            });
          sections.push({
            title: label,
            text: `${report.title}. ${report.samples} test images, network ${report.arch}, digital ${(100 * report.digitalAccuracy).toFixed(2)} %; per trial: patch ${report.timing.patch.toFixed(2)} s, tune ${report.timing.tune.toFixed(2)} s, inference ${report.timing.inference.toFixed(2)} s. Read-out: inputEncoding '${report.readout.settings.inputEncoding}', adcRange '${report.readout.settings.adcRange}', rowOrder '${report.readout.settings.rowOrder}' (batch-independent).`,
            table: {
              header: [...report.parameters, 'accuracy', '± std', 'seeds'],
              rows: report.summary.map((s) => [
                ...report.parameters.map((p) => String(s.point[p])),
                `${(100 * s.mean).toFixed(2)} %`,
                s.n > 1 ? (100 * s.std).toFixed(2) : '-',
                String(s.n),
              ]),
            },
            figures: [{ caption: report.title, svg: report.svg }],
            links: report.files.filter((f) => !f.endsWith('.svg')).map(link),
          });
        }
      } finally {
        await pool?.close();
      }
    }
    const seconds = (performance.now() - started) / 1000;
    const summaryRows: TourRow[] = [
      ...Object.entries(digital).map(([a, acc]) => ({
        study: 'digital',
        setting: a,
        accuracy: acc,
        std: 0,
        n: 1,
        digital: acc,
      })),
      ...tourRows,
    ];
    sections.unshift({
      title: 'Summary',
      text: `Total wall time ${seconds.toFixed(1)} s, seed ${seed}, ${workers} worker(s), ${limit} test images per memristive trial. ${STUDY_READOUT_TEXT}`,
      table: {
        header: ['study', 'setting', 'accuracy', '± std', 'seeds', 'digital (same images)', 'Δ [points]'],
        rows: summaryRows.map((r) => [
          r.study,
          r.setting,
          `${(100 * r.accuracy).toFixed(2)} %`,
          r.n > 1 ? (100 * r.std).toFixed(2) : '-',
          String(r.n),
          `${(100 * r.digital).toFixed(2)} %`,
          signedPercent(r.accuracy - r.digital),
        ]),
      },
    });
    const html = renderHtmlReport(
      'memsim run: a quick tour of the MemTorch studies',
      `Dataset ${test.name}. Generated by memsim run.`,
      sections,
    );
    writeOutput(join(out, 'index.html'), html);
    const summary = {
      seconds,
      seed,
      workers,
      limit,
      digital,
      readout: STUDY_READOUT_TEXT,
      rows: summaryRows,
      memristive: patchAvailable,
      report: join(out, 'index.html'),
    };
    writeOutput(join(out, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
    if (v.json) context.stdout.write(`${JSON.stringify(summary)}\n`);
    else {
      context.stdout.write(formatTourTable(summaryRows));
      context.stdout.write(
        `${patchAvailable ? '' : 'memristive studies skipped: @memsim/layers has no patchModel in this build\n'}report: ${join(out, 'index.html')} (${seconds.toFixed(1)} s)\n`,
      );
    }
    return 0;
  },
};
