import { InvalidParameterError, option, rule } from '@memsim/core';
import { availableDeviceModels, resolveDeviceModel, runDeviceSweep } from '../device/device-sweep';
import { runMeasuredFit } from '../device/measured-fit';
import { numberArg, resolveArgs } from '../internal/arg-rules';
import { SHARED_ARGS } from './shared-args';
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

/**
 * The numeric flags of `memsim device`, resolved once, with the rules of devices' sweeps (amplitude ≥ 0, frequency
 * and duration > 0); the sweep values stay absent when not given, so each model's own defaults apply.
 */
const DEVICE_ARGS = {
  seed: SHARED_ARGS.seed,
  'max-samples': option.optional(numberArg(rule.integerRange(2, Number.MAX_SAFE_INTEGER))),
  amplitude: option.optional(numberArg(rule.nonNegative, 'voltage')),
  frequency: option.optional(numberArg(rule.positive, 'frequency')),
  duration: option.optional(numberArg(rule.positive, 'time')),
};

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
        seed: resolveArgs('device', v, DEVICE_ARGS).seed,
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
    const { seed, ...sweep } = resolveArgs('device', v, DEVICE_ARGS);
    const common = {
      seed,
      out: outDirectory('device', v.out, 'memsim-device'),
      png: !v['no-png'],
      progress: context.progress,
      params,
      ...(sweep['max-samples'] === undefined ? {} : { maxSamples: sweep['max-samples'] }),
      ...(sweep.amplitude === undefined ? {} : { amplitude: sweep.amplitude }),
      ...(sweep.frequency === undefined ? {} : { frequency: sweep.frequency }),
      ...(sweep.duration === undefined ? {} : { duration: sweep.duration }),
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
