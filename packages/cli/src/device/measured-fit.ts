import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { InvalidParameterError } from '@memsim/core';
import * as devices from '@memsim/devices';
import { initPng, type VegaLiteSpec, renderPng, renderSvg } from '@memsim/plot';
import { columnsToCsv, writeOutput } from '../internal/files';

/** Options of {@link runMeasuredFit}. */
export interface MeasuredFitOptions {
  /** Devices simulated with the fitted model. Default 1000. */
  devices?: number;
  /** Seed of the fitted spread. */
  seed: number;
  /** Output directory; nothing is written when omitted. */
  out?: string;
  /** Also write a PNG. Default true. */
  png?: boolean;
}

/** Result of {@link runMeasuredFit}. */
export interface MeasuredFitResult {
  file: string;
  cycles: number;
  pulses: number;
  /** Relative cycle-to-cycle spread fitted for potentiation and depression. */
  spread: { set: number; reset: number };
  /** Largest |fit mean − data mean| / data mean over the pulses of the protocol. */
  maxMeanError: number;
  /** RMS σ of the fit over RMS σ of the data (1 = same spread). */
  spreadRatio: number;
  svg: string;
  files: string[];
}

/**
 * `memsim device --measured file.csv`: fits `@memsim/devices` `measuredDevice` to measured pulse trains, replays the
 * first cycle's pulse protocol on many devices of the fitted model, and plots the fitted mean ± σ against the data's
 * (CSV and SVG/PNG).
 *
 * @throws {InvalidParameterError} when the file cannot be read or the data is invalid (naming the file and line).
 */
export async function runMeasuredFit(path: string, options: MeasuredFitOptions): Promise<MeasuredFitResult> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InvalidParameterError({
      where: 'memsim device',
      parameter: '--measured',
      value: path,
      expected: `a readable CSV file (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    });
  }
  const file = basename(path);
  const device = devices.measuredDevice(text, { file });
  // The data per cycle, in file order (the fit has checked it).
  const rows = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const header = rows[0]!.split(',').map((h) => h.trim().toLowerCase());
  const col = (name: string) => header.indexOf(name);
  const cycles = new Map<number, { pulse: number; polarity: number; g: number }[]>();
  for (const line of rows.slice(1)) {
    const cells = line.split(',').map(Number);
    const c = cells[col('cycle')]!;
    if (!cycles.has(c)) cycles.set(c, []);
    cycles
      .get(c)!
      .push({ pulse: cells[col('pulse')]!, polarity: cells[col('polarity')]!, g: cells[col('conductance')]! });
  }
  const protocol = [...cycles.values()][0]!;
  const n = protocol.length;
  // Data mean and σ at each step of the first cycle's protocol (over the cycles that have it).
  const dataMean = new Float64Array(n);
  const dataStd = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const values = [...cycles.values()].filter((c) => c[k]?.pulse === protocol[k]!.pulse).map((c) => c[k]!.g);
    const m = values.reduce((a, b) => a + b, 0) / values.length;
    dataMean[k] = m;
    dataStd[k] = values.length > 1 ? Math.sqrt(values.reduce((a, b) => a + (b - m) ** 2, 0) / (values.length - 1)) : 0;
  }
  // Replay on the fitted model.
  const count = options.devices ?? 1000;
  const pop = devices.createPopulation(device.model, count, device.params, { seed: options.seed });
  pop.model.setConductance(pop, dataMean[0]!);
  const g = new Float64Array(count);
  const fitMean = new Float64Array(n);
  const fitStd = new Float64Array(n);
  const width = device.model.defaults.pulseWidth;
  const v = 1.5 * device.model.defaults.vThreshold;
  for (let k = 0; k < n; k++) {
    if (k > 0 && protocol[k]!.polarity !== 0) {
      const pulses = protocol[k]!.pulse - protocol[k - 1]!.pulse;
      pop.model.step(pop, protocol[k]!.polarity > 0 ? v : -v, pulses * width);
    }
    pop.model.conductance(pop, g);
    const m = g.reduce((a, b) => a + b, 0) / count;
    fitMean[k] = m;
    fitStd[k] = Math.sqrt(g.reduce((a, b) => a + (b - m) ** 2, 0) / (count - 1));
  }
  let maxMeanError = 0;
  for (let k = 0; k < n; k++)
    maxMeanError = Math.max(maxMeanError, Math.abs(fitMean[k]! - dataMean[k]!) / dataMean[k]!);
  const rms = (a: Float64Array) => Math.sqrt(a.reduce((s, x) => s + x * x, 0) / a.length);
  const spreadRatio = rms(dataStd) > 0 ? rms(fitStd) / rms(dataStd) : 1;
  const pulse = Float64Array.from(protocol, (p) => p.pulse);
  const values = [
    ...[...pulse].map((x, k) => ({
      pulse: x,
      series: 'measured',
      mean: dataMean[k]!,
      lo: dataMean[k]! - dataStd[k]!,
      hi: dataMean[k]! + dataStd[k]!,
    })),
    ...[...pulse].map((x, k) => ({
      pulse: x,
      series: 'fit',
      mean: fitMean[k]!,
      lo: fitMean[k]! - fitStd[k]!,
      hi: fitMean[k]! + fitStd[k]!,
    })),
  ];
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: `${file}: measured pulse trains vs measuredDevice fit (mean ± σ, ${device.cycles} cycles)`,
    width: 480,
    height: 300,
    data: { values },
    encoding: {
      x: { field: 'pulse', type: 'quantitative', title: 'pulse' },
      color: { field: 'series', type: 'nominal', title: null },
    },
    layer: [
      {
        mark: { type: 'area', opacity: 0.2 },
        encoding: {
          y: { field: 'lo', type: 'quantitative', title: 'conductance [S]' },
          y2: { field: 'hi' },
        },
      },
      { mark: { type: 'line' }, encoding: { y: { field: 'mean', type: 'quantitative' } } },
    ],
  } as unknown as VegaLiteSpec;
  const svg = await renderSvg(spec);
  const files: string[] = [];
  if (options.out !== undefined) {
    const stem = file.replace(/\.csv$/i, '');
    const put = (name: string, content: string | Uint8Array) => {
      const p = join(options.out!, name);
      writeOutput(p, content);
      files.push(p);
    };
    put(`${stem}-fit.csv`, columnsToCsv({ pulse, dataMean, dataStd, fitMean, fitStd }));
    put(`${stem}-fit.svg`, svg);
    if (options.png ?? true) {
      await initPng();
      put(`${stem}-fit.png`, renderPng(svg));
    }
  }
  return {
    file: path,
    cycles: device.cycles,
    pulses: device.pulses,
    spread: device.spread,
    maxMeanError,
    spreadRatio,
    svg,
    files,
  };
}
