import { InvalidParameterError } from '@memsim/core';
import { availableDeviceModels, resolveDeviceModel, runDeviceSweep } from '../device/device-sweep';
import { runMeasuredFit } from '../device/measured-fit';
import { numberOption } from '../internal/args';
import { COMMON_OPTIONS, type Command } from './command';
import { outDirectory } from '../internal/out-dir';
import { parameterQuantity, parseQuantity } from '../internal/quantity';

/** Parses `--param rOn=100,rOff=16000` into numbers. */
export function parseParams(raw: string | boolean | undefined): Record<string, number> {
  const params: Record<string, number> = {};
  if (raw === undefined) return params;
  for (const pair of String(raw).split(',')) {
    const [key, value, extra] = pair.split('=').map((s) => s.trim());
    if (!key || value === undefined || value === '' || extra !== undefined)
      throw new InvalidParameterError({
        where: 'memsim device',
        parameter: '--param',
        value: pair,
        expected: 'key=value pairs separated by commas, e.g. rOn=100,rOff=16000 or rOn=1.5kohm',
      });
    // SI numbers, or values with units converted by mathjs (rOn=1.5kohm, timeSeriesResolution=100ps).
    params[key] = parseQuantity('device', `--param ${key}`, value, parameterQuantity(key));
  }
  return params;
}

/** `memsim device <model>`: hysteresis loop and bipolar switching of a device model → CSV, SVG, PNG. */
export const deviceCommand: Command = {
  name: 'device',
  defaultOut: 'memsim-device',
  usage:
    'memsim device <model|all> [--param k=v,...] [--window NAME|EXPR] [--amplitude V] [--frequency Hz] [--duration s] [--out DIR]\n       memsim device --measured pulses.csv [--out DIR]',
  summary:
    'Runs the hysteresis loop (sine) and bipolar switching (triangle) of a device model (VTEAM, LinearIonDrift, DataDriven, DataDriven2021, StanfordPKU, or all) with its defaults or given parameters, and writes CSV, SVG and PNG.',
  options: {
    param: {
      type: 'string',
      description: 'model parameters, SI units or with a unit, e.g. rOn=100,rOff=16000 or rOn=1.5kohm,rOff=16kohm',
    },
    window: {
      type: 'string',
      description:
        "LinearIonDrift window: biolek, joglekar, prodromakis, memtorch-joglekar, none, or an expression in x, p, i, j, e.g. '1 - (2x - 1)^(2p)' (parsed by mathjs, never eval)",
      default: 'biolek',
    },
    amplitude: { type: 'string', description: 'drive amplitude [V] (or with a unit: 300mV)', default: "the model's" },
    frequency: { type: 'string', description: 'drive frequency [Hz] (or 2kHz)', default: "the model's" },
    duration: { type: 'string', description: 'hysteresis sweep length [s] (or 10ms)', default: "the model's" },
    'max-samples': {
      type: 'string',
      description: 'cap on samples per sweep (a coarser step beyond it)',
      default: 'none',
    },
    measured: {
      type: 'string',
      description:
        'fit a measured device (CSV: cycle, pulse, polarity +1/-1/0, conductance [S]) and plot the fit against the data',
    },
    'no-png': { type: 'boolean', description: 'write SVG only' },
    ...COMMON_OPTIONS,
  },
  async run(args, context) {
    const v = args.values;
    if (typeof v.measured === 'string') {
      const out = outDirectory('device', v.out, 'memsim-device');
      const r = await runMeasuredFit(v.measured, {
        seed: numberOption('device', 'seed', v.seed, 1, { min: 0, integer: true }),
        out,
        png: !v['no-png'],
      });
      const { svg: _svg, ...result } = r;
      if (v.json) context.stdout.write(`${JSON.stringify(result)}\n`);
      else
        context.stdout.write(
          `${r.file}: ${r.cycles} cycles, ${r.pulses} pulses; spread set ${(100 * r.spread.set).toFixed(1)} %, reset ${(100 * r.spread.reset).toFixed(1)} %; fit vs data: mean within ${(100 * r.maxMeanError).toFixed(2)} %, σ ratio ${r.spreadRatio.toFixed(3)} → ${r.files.join(', ')}\n`,
        );
      return 0;
    }
    if (args.positionals.length !== 1)
      throw new InvalidParameterError({
        where: 'memsim device',
        parameter: 'model',
        value: args.positionals.join(' ') || undefined,
        expected: `exactly one model name: ${availableDeviceModels().join(', ')} or all`,
      });
    const name = args.positionals[0]!;
    const names = name.toLowerCase() === 'all' ? availableDeviceModels() : [name];
    const params: Record<string, number | string> = parseParams(v.param);
    if (v.window !== undefined) {
      if (!names.every((n) => resolveDeviceModel(n).name === 'LinearIonDrift'))
        throw new InvalidParameterError({
          where: 'memsim device',
          parameter: '--window',
          value: v.window,
          expected: 'given only with the LinearIonDrift model (the only model with a window function)',
        });
      params.window = String(v.window);
    }
    const common = {
      seed: numberOption('device', 'seed', v.seed, 1, { min: 0, integer: true }),
      out: outDirectory('device', v.out, 'memsim-device'),
      png: !v['no-png'],
      progress: context.progress,
      params,
      ...(v['max-samples'] !== undefined
        ? { maxSamples: numberOption('device', 'max-samples', v['max-samples'], 0, { min: 2, integer: true }) }
        : {}),
      ...(v.amplitude !== undefined
        ? { amplitude: numberOption('device', 'amplitude', v.amplitude, 0, { min: 0, quantity: 'voltage' }) }
        : {}),
      ...(v.frequency !== undefined
        ? { frequency: numberOption('device', 'frequency', v.frequency, 0, { min: 1e-300, quantity: 'frequency' }) }
        : {}),
      ...(v.duration !== undefined
        ? { duration: numberOption('device', 'duration', v.duration, 0, { min: 1e-300, quantity: 'time' }) }
        : {}),
    };
    const results = [];
    for (const n of names) {
      const r = await runDeviceSweep(n, common);
      results.push({
        model: r.model,
        samples: r.samples,
        peakCurrent: r.peakCurrent,
        loopArea: r.loopArea,
        switchingRatio: r.switchingRatio,
        files: r.files,
      });
      if (!v.json)
        context.stdout.write(
          `${r.model}: ${r.samples} samples, peak |I| ${r.peakCurrent.toExponential(3)} A, loop area ${r.loopArea.toExponential(3)} W, switching ratio ${r.switchingRatio.toFixed(1)} → ${common.out}/${r.model}-*.{csv,svg${common.png ? ',png' : ''}}\n`,
        );
    }
    if (v.json) context.stdout.write(`${JSON.stringify(names.length === 1 ? results[0] : results)}\n`);
    return 0;
  },
};
