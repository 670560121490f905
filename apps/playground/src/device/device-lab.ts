import { ivLoopSpec } from '@memsim/plot';
import { drawChart } from '../ui/chart';
import { codePanel, fmt, h, numberField, selectField, slider } from '../ui/controls';
import { numberParam, oneOfParam } from '../state/url-state';
import { DEVICE_MODEL_NAMES, DEVICE_MODELS, numericDefaults, parameterUnit, WINDOWS } from './device-models';
import { deviceCode } from './device-code';
import { type DeviceSettings, simulateDevices, WAVEFORMS } from './simulate-devices';

/** Most points per plotted trace (the simulation keeps every step; the chart strides). */
const MAX_POINTS = 1500;

/** Device-lab settings from the URL query (defaults: the model's MemTorch hysteresis sweep). */
export function deviceSettingsFromQuery(q: URLSearchParams): DeviceSettings {
  const model = oneOfParam(q, 'model', DEVICE_MODEL_NAMES, 'VTEAM');
  const hd = DEVICE_MODELS[model]!.hysteresisDefaults;
  const params: Record<string, number> = numericDefaults(model);
  for (const k of Object.keys(params)) params[k] = numberParam(q, `p.${k}`, params[k]!);
  return {
    model,
    window: oneOfParam(q, 'window', WINDOWS, 'biolek'),
    params,
    waveform: oneOfParam(q, 'waveform', WAVEFORMS, 'sine'),
    amplitude: numberParam(q, 'amplitude', hd.amplitude),
    frequency: numberParam(q, 'frequency', hd.frequency),
    steps: Math.round(Math.min(100_000, Math.max(16, numberParam(q, 'steps', 2000)))),
    devices: Math.round(Math.min(64, Math.max(1, numberParam(q, 'devices', 1)))),
    sigma: Math.min(0.5, Math.max(0, numberParam(q, 'sigma', 0))),
    seed: Math.max(0, Math.round(numberParam(q, 'seed', 1))),
  };
}

/** The query of device-lab settings (only values that differ from the defaults, to keep links short). */
export function deviceSettingsToQuery(s: DeviceSettings, q: URLSearchParams): void {
  const d = deviceSettingsFromQuery(new URLSearchParams({ model: s.model }));
  q.set('model', s.model);
  if (s.model === 'LinearIonDrift') q.set('window', s.window);
  for (const [k, v] of Object.entries(s.params)) if (d.params[k] !== v) q.set(`p.${k}`, String(v));
  for (const k of ['waveform', 'amplitude', 'frequency', 'steps', 'devices', 'sigma', 'seed'] as const)
    if (s[k] !== d[k]) q.set(k, String(s[k]));
}

/** Downsampled rows of a trace family for a vega-lite line chart. */
function traceRows(time: Float64Array, ys: Float64Array[]): { device: string; t: number; y: number }[] {
  const stride = Math.max(1, Math.ceil(time.length / MAX_POINTS));
  const rows: { device: string; t: number; y: number }[] = [];
  ys.forEach((y, d) => {
    for (let k = 0; k < time.length; k += stride) rows.push({ device: `device ${d}`, t: time[k]!, y: y[k]! });
  });
  return rows;
}

/** Builds the device lab into `root`; `onState` is told the new settings so the page can update the URL. */
export function mountDeviceLab(
  root: HTMLElement,
  initial: DeviceSettings,
  onState: (s: DeviceSettings) => void,
): { rerun(): Promise<void> } {
  let s: DeviceSettings = structuredClone(initial);
  const form = h('div', { class: 'controls' });
  const paramBox = h('fieldset', { class: 'params' });
  const ivEl = h('div', { class: 'chart', 'data-chart': 'iv' });
  const stateEl = h('div', { class: 'chart', 'data-chart': 'state' });
  const status = h('p', { class: 'status', 'data-status': 'device' });
  const error = h('p', { class: 'error', 'data-error': 'device' });
  const code = codePanel('device');
  root.append(
    h('div', { class: 'lab-grid' }, form, h('div', { class: 'plots' }, status, error, ivEl, stateEl, code.root)),
  );

  const update = (change: Partial<DeviceSettings>) => {
    s = { ...s, ...change };
    onState(s);
    void run();
  };
  const buildParams = () => {
    paramBox.replaceChildren(h('legend', {}, `${s.model} parameters (defaults: MemTorch 1.1.6)`));
    const defaults = numericDefaults(s.model);
    for (const [k, v] of Object.entries(s.params)) {
      const field = numberField(`p.${k}`, k, parameterUnit(k), v, (x) => update({ params: { ...s.params, [k]: x } }), {
        title: `default ${defaults[k]}`,
      });
      paramBox.append(field);
    }
    if (s.model === 'LinearIonDrift')
      paramBox.append(selectField('window', 'window', WINDOWS, s.window, (window) => update({ window })));
  };
  form.append(
    selectField('model', 'Model', DEVICE_MODEL_NAMES, s.model, (model) => {
      const hd = DEVICE_MODELS[model]!.hysteresisDefaults;
      s = { ...s, model, params: numericDefaults(model), amplitude: hd.amplitude, frequency: hd.frequency };
      buildParams();
      (form.querySelector('[data-control=amplitude]') as HTMLInputElement).value = String(hd.amplitude);
      (form.querySelector('[data-control=frequency]') as HTMLInputElement).value = String(hd.frequency);
      update({});
    }),
    selectField('waveform', 'Waveform', WAVEFORMS, s.waveform, (w) =>
      update({ waveform: w as DeviceSettings['waveform'] }),
    ),
    numberField('amplitude', 'Amplitude', 'V', s.amplitude, (amplitude) => update({ amplitude })),
    numberField('frequency', 'Frequency', 'Hz', s.frequency, (frequency) => update({ frequency }), { min: '0' }),
    numberField('steps', 'Steps per period', '', s.steps, (steps) => update({ steps: Math.round(steps) }), {
      min: '16',
      max: '100000',
    }),
    slider(
      'devices',
      'Devices',
      1,
      64,
      1,
      s.devices,
      (v) => String(v),
      (devices) => update({ devices }),
    ),
    slider(
      'sigma',
      'σ of rOn, rOff (relative)',
      0,
      0.5,
      0.01,
      s.sigma,
      (v) => `${Math.round(v * 100)} %`,
      (sigma) => update({ sigma }),
    ),
    numberField('seed', 'Seed', '', s.seed, (seed) => update({ seed: Math.max(0, Math.round(seed)) })),
    paramBox,
  );
  buildParams();

  let pending: Promise<void> = Promise.resolve();
  const run = () => {
    pending = pending.then(draw, draw);
    return pending;
  };
  const draw = async () => {
    const t0 = performance.now();
    try {
      const r = simulateDevices(s);
      const t1 = performance.now();
      const series = r.currents.map((current, d) => ({ label: `device ${d}`, voltage: r.voltage, current }));
      await Promise.all([
        drawChart(
          ivEl,
          ivLoopSpec(series, { title: `${s.model}: I-V loop`, maxPoints: MAX_POINTS, width: 420, height: 300 }),
        ),
        drawChart(stateEl, {
          $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
          title: `${s.model}: state ${r.stateName} vs time`,
          width: 420,
          height: 160,
          data: { values: traceRows(r.time, r.states) },
          mark: { type: 'line', strokeWidth: 1.2 },
          encoding: {
            x: { field: 't', type: 'quantitative', title: 'Time [s]', axis: { format: '.1e' } },
            y: {
              field: 'y',
              type: 'quantitative',
              title: r.stateName,
              scale: { zero: false },
              axis: { format: '.2e' },
            },
            color: { field: 'device', type: 'nominal', legend: null },
          },
        }),
      ]);
      const t2 = performance.now();
      error.textContent = '';
      status.textContent = `${r.voltage.length * s.devices} device-steps simulated in ${fmt(t1 - t0)} ms, plotted in ${fmt(t2 - t1)} ms`;
      status.dataset.simulateMs = String(t1 - t0);
      status.dataset.totalMs = String(t2 - t0);
      status.dataset.runs = String(Number(status.dataset.runs ?? 0) + 1);
      // Time since navigation when the first plot was in the page (time to interactive, measured by the bench).
      status.dataset.firstPlotAt ??= String(performance.now());
    } catch (e) {
      error.textContent = (e as Error).message;
    }
    code.set(deviceCode(s));
  };
  void run();
  return { rerun: run };
}
