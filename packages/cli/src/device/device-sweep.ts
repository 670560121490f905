import { join } from 'node:path';
import { InvalidParameterError, type OptionsSchema, checkMemory, option, resolveOptions, rule } from '@memsim/core';
import * as devices from '@memsim/devices';
import { ivLoopSpec, initPng, renderPng, renderSvg } from '@memsim/plot';
import { columnsToCsv, writeOutput } from '../internal/files';
import { cliRule, valueRecordRule } from '../internal/option-rules';

/**
 * The device models `memsim device` knows: every name of @memsim/devices' `DEVICE_MODELS` registry (MemTorch's
 * order), with kebab-case aliases.
 *
 * @example
 * DEVICE_MODEL_NAMES.length; // → 5
 */
export const DEVICE_MODEL_NAMES: readonly devices.DeviceModelName[] = Object.freeze(
  Object.keys(devices.DEVICE_MODELS) as devices.DeviceModelName[],
);
const ALIASES: Record<string, devices.DeviceModelName> = {
  vteam: 'VTEAM',
  linearIonDrift: 'LinearIonDrift',
  'linear-ion-drift': 'LinearIonDrift',
  lineariondrift: 'LinearIonDrift',
  datadriven: 'DataDriven',
  'data-driven': 'DataDriven',
  datadriven2021: 'DataDriven2021',
  'data-driven-2021': 'DataDriven2021',
  stanfordpku: 'StanfordPKU',
  'stanford-pku': 'StanfordPKU',
};

/** Rows kept in a sweep CSV (evenly strided beyond this, first and last samples kept). */
export const CSV_MAX_ROWS = 100_000;

// biome-ignore lint/suspicious/noExplicitAny: a model of any parameter type (the CLI only reads name and defaults)
type AnyModel = devices.DeviceModel<any>;

/**
 * Looks a device model up by name (case-insensitive, kebab-case aliases accepted) in @memsim/devices'
 * `DEVICE_MODELS` registry.
 *
 * @throws {InvalidParameterError} when the name is unknown.
 * @example
 * resolveDeviceModel('VTEAM').name; // → 'VTEAM'
 */
export function resolveDeviceModel(name: string): AnyModel {
  if (typeof name !== 'string')
    throw new InvalidParameterError({
      where: 'memsim device',
      parameter: 'model',
      value: name,
      expected: `a model name: ${DEVICE_MODEL_NAMES.join(', ')}`,
    });
  const canonical =
    ALIASES[name.toLowerCase()] ?? DEVICE_MODEL_NAMES.find((m) => m.toLowerCase() === name.toLowerCase());
  if (canonical === undefined)
    throw new InvalidParameterError({
      where: 'memsim device',
      parameter: 'model',
      value: name,
      expected: `one of ${availableDeviceModels().join(', ')}`,
    });
  return devices.DEVICE_MODELS[canonical];
}

/**
 * The model names of @memsim/devices' `DEVICE_MODELS` registry (= {@link DEVICE_MODEL_NAMES}), as a fresh array.
 *
 * @example
 * availableDeviceModels(); // → ['VTEAM', 'LinearIonDrift', 'DataDriven', 'DataDriven2021', 'StanfordPKU']
 */
export function availableDeviceModels(): string[] {
  return [...DEVICE_MODEL_NAMES];
}

/**
 * Options of {@link runDeviceSweep}.
 *
 * @example
 * const options: DeviceSweepOptions = { seed: 1, png: true }; // png: the default; no out: nothing is written
 * (await runDeviceSweep('VTEAM', options)).samples; // → 2001 (VTEAM's 200 ns loop at 0.1 ns)
 */
export interface DeviceSweepOptions {
  /**
   * Model parameters overriding the defaults (SI, camelCase, e.g. `{ rOn: 100 }`); text settings too, e.g.
   * LinearIonDrift's `window: '1 - (2x - 1)^(2p)'` (a named window or an expression).
   */
  params?: Record<string, number | string>;
  /** Hysteresis sweep length [s]; default: the model's. */
  duration?: number;
  /** Sine / triangle amplitude [V]; default: the model's. */
  amplitude?: number;
  /** Sine / triangle frequency [Hz]; default: the model's. */
  frequency?: number;
  /** Seed for stochastic parameters. */
  seed: number;
  /** Output directory; nothing is written when omitted. */
  out?: string;
  /**
   * Cap on samples per sweep: when `duration / timeSeriesResolution` exceeds it, the sweep uses the coarser step
   * `duration / maxSamples` (DataDriven2021's defaults are 10⁷ samples). Default: no cap.
   */
  maxSamples?: number;
  /** Progress lines (model, sweep, samples, elapsed) go here; null or omitted = silent. */
  progress?: NodeJS.WritableStream | null;
  /** Also write PNGs. Default true. */
  png?: boolean;
}

/** Model parameters: an object of numbers and texts (the device model checks the names and values). */
const paramsRule = valueRecordRule(
  'an object of model parameters (numbers, or texts such as a window), e.g. { rOn: 100 }',
  false,
);

// The sweep rules of `memsim device` (amplitude ≥ 0, frequency and duration > 0, at least 2 samples).
const SCHEMA = {
  params: option.optional(paramsRule),
  duration: option.optional(rule.positive),
  amplitude: option.optional(rule.nonNegative),
  frequency: option.optional(rule.positive),
  seed: option.requiredByRule(cliRule.seed),
  out: option.optional(cliRule.text('a non-empty output directory path')),
  maxSamples: option.optional(rule.integerRange(2, Number.MAX_SAFE_INTEGER)),
  progress: option.optional(cliRule.stream),
  png: option.withDefault(rule.boolean, true),
} satisfies OptionsSchema<DeviceSweepOptions>;

/**
 * Result of {@link runDeviceSweep}.
 *
 * @example
 * const result: DeviceSweepResult = await runDeviceSweep('VTEAM', { seed: 1 });
 * [result.samples, result.peakCurrent, result.files]; // → [2001, 0.02, []] (1 V across rOn = 50 Ω; no out, no files)
 * result.svg.hysteresis.startsWith('<svg'); // → true
 */
export interface DeviceSweepResult {
  model: string;
  /** Time step used [s] (the model's resolution unless `maxSamples` coarsened it). */
  dt: { hysteresis: number; switching: number };
  /** Samples of the hysteresis loop. */
  samples: number;
  /** Peak |current| over the loop [A]. */
  peakCurrent: number;
  /** Area enclosed by the loop, ∮ I dV [W]; 0 for a memoryless device. */
  loopArea: number;
  /** Ratio of the largest to the smallest |I/V| over the switching sweep (|V| > 10 % of the amplitude). */
  switchingRatio: number;
  hysteresis: { time: Float64Array; voltage: Float64Array; current: Float64Array };
  switching: { voltage: Float64Array; current: Float64Array };
  /** SVG text of the two plots. */
  svg: { hysteresis: string; switching: string };
  /** Files written. */
  files: string[];
}

/**
 * Runs a hysteresis loop (sine drive) and a bipolar switching sweep (triangle drive) of one device model through
 * @memsim/devices, and (with `out`) writes `<model>-hysteresis.csv`, `<model>-switching.csv` and the two plots as
 * SVG and PNG (loop on a linear current axis, switching on a symlog axis).
 *
 * @throws {InvalidParameterError} when the model is unknown, a parameter is invalid for it, the sweep would not fit
 *   in memory, or an option is unknown, missing or breaks its rule.
 * @example
 * // (typechecked, not run: writes a CSV and an SVG under ./results/device)
 * const result = await runDeviceSweep('VTEAM', { seed: 1, out: 'results/device', amplitude: 1 });
 */
export async function runDeviceSweep(name: string, options: DeviceSweepOptions): Promise<DeviceSweepResult> {
  const o = resolveOptions('runDeviceSweep', options, SCHEMA);
  const model = resolveDeviceModel(name);
  const device = new devices.Memristor(model, o.params as never, { seed: o.seed });
  const tsr = device.timeSeriesResolution;
  const hd = (model as unknown as { hysteresisDefaults: { duration: number; frequency: number } }).hysteresisDefaults;
  const bd = (model as unknown as { bipolarDefaults: { frequency: number } }).bipolarDefaults;
  const stepFor = (span: number) =>
    o.maxSamples !== undefined && span / tsr > o.maxSamples ? span / o.maxSamples : undefined;
  const loopOptions: devices.HysteresisLoopOptions = {};
  if (o.duration !== undefined) loopOptions.duration = o.duration;
  if (o.amplitude !== undefined) loopOptions.amplitude = o.amplitude;
  if (o.frequency !== undefined) loopOptions.frequency = o.frequency;
  const loopDt = stepFor(o.duration ?? hd.duration);
  if (loopDt !== undefined) loopOptions.dt = loopDt;
  const started = performance.now();
  const say = (what: string, span: number, dt: number | undefined) =>
    o.progress?.write(
      `${model.name}: ${what}, ${Math.round(span / (dt ?? tsr)) + 1} samples (elapsed ${((performance.now() - started) / 1000).toFixed(1)} s)\n`,
    );
  // Fail before the progress line and any allocation (time, voltage and current: 24 bytes per sample); --max-samples
  // is the way to sweep a long duration on a coarser step.
  checkMemory(
    'memsim device (use --max-samples for a coarser step)',
    '--duration',
    Math.ceil((o.duration ?? hd.duration) / (loopDt ?? tsr)) + 1,
    24,
  );
  say('hysteresis loop', o.duration ?? hd.duration, loopDt);
  const hysteresis = devices.hysteresisLoop(device, loopOptions);
  const switchOptions: devices.BipolarSwitchingOptions = {};
  if (o.amplitude !== undefined) switchOptions.amplitude = o.amplitude;
  if (o.frequency !== undefined) switchOptions.frequency = o.frequency;
  const switchDt = stepFor(1 / (o.frequency ?? bd.frequency));
  if (switchDt !== undefined) switchOptions.dt = switchDt;
  say('bipolar switching', 1 / (o.frequency ?? bd.frequency), switchDt);
  const switching = devices.bipolarSwitching(device, switchOptions);

  let peakCurrent = 0;
  let loopArea = 0;
  const { voltage: v, current: i } = hysteresis;
  for (let k = 0; k < v.length; k++) {
    peakCurrent = Math.max(peakCurrent, Math.abs(i[k]!));
    if (k > 0) loopArea += 0.5 * (i[k]! + i[k - 1]!) * (v[k]! - v[k - 1]!);
  }
  let gMin = Number.POSITIVE_INFINITY;
  let gMax = 0;
  let vMax = 0;
  for (const x of switching.voltage) vMax = Math.max(vMax, Math.abs(x));
  for (let k = 0; k < switching.voltage.length; k++) {
    const x = switching.voltage[k]!;
    if (Math.abs(x) <= 0.1 * vMax) continue;
    const g = Math.abs(switching.current[k]! / x);
    gMin = Math.min(gMin, g);
    gMax = Math.max(gMax, g);
  }
  const label = model.name;
  const svg = {
    hysteresis: await renderSvg(
      ivLoopSpec([{ label, voltage: v, current: i }], { title: `${label}: hysteresis loop` }),
    ),
    switching: await renderSvg(
      ivLoopSpec([{ label, voltage: switching.voltage, current: switching.current }], {
        title: `${label}: bipolar switching`,
        scale: 'symlog',
      }),
    ),
  };
  const files: string[] = [];
  if (o.out !== undefined) {
    const put = (file: string, content: string | Uint8Array) => {
      const path = join(o.out!, file);
      writeOutput(path, content);
      files.push(path);
    };
    put(`${label}-hysteresis.csv`, columnsToCsv({ time: hysteresis.time, voltage: v, current: i }, CSV_MAX_ROWS));
    put(
      `${label}-switching.csv`,
      columnsToCsv({ voltage: switching.voltage, current: switching.current }, CSV_MAX_ROWS),
    );
    put(`${label}-hysteresis.svg`, svg.hysteresis);
    put(`${label}-switching.svg`, svg.switching);
    if (o.png) {
      await initPng();
      put(`${label}-hysteresis.png`, renderPng(svg.hysteresis));
      put(`${label}-switching.png`, renderPng(svg.switching));
    }
  }
  return {
    model: label,
    dt: { hysteresis: loopDt ?? tsr, switching: switchDt ?? tsr },
    samples: v.length,
    peakCurrent,
    loopArea: Math.abs(loopArea),
    switchingRatio: gMin > 0 && Number.isFinite(gMin) ? gMax / gMin : Number.POSITIVE_INFINITY,
    hysteresis,
    switching,
    svg,
    files,
  };
}
