import { conductanceHeatmapSpec } from '@memsim/plot';
import { numberParam, oneOfParam } from '../state/url-state';
import { drawChart } from '../ui/chart';
import { codePanel, fmt, h, numberField, selectField, slider } from '../ui/controls';
import { crossbarCode } from './crossbar-code';
import { type CrossbarResult, type CrossbarSettings, WEIGHT_SOURCES } from './crossbar-compute';
import type { CrossbarReply } from './crossbar.worker';

export const DEFAULT_CROSSBAR_SETTINGS: Readonly<CrossbarSettings> = Object.freeze({
  source: 'random',
  rows: 64,
  cols: 32,
  tile: 32,
  rOn: 50,
  rOff: 1000,
  sigma: 0,
  states: 0,
  lrs: 0,
  hrs: 0,
  retentionTime: 0,
  adcBits: 8,
  sourceResistance: 5,
  lineResistance: 0.1,
  input: 'random',
  seed: 1,
});

export function crossbarSettingsFromQuery(q: URLSearchParams): CrossbarSettings {
  const d = DEFAULT_CROSSBAR_SETTINGS;
  const n = (k: keyof CrossbarSettings, lo: number, hi: number, int = false) => {
    const v = Math.min(hi, Math.max(lo, numberParam(q, k, d[k] as number)));
    return int ? Math.round(v) : v;
  };
  return {
    source: oneOfParam(q, 'source', WEIGHT_SOURCES, d.source),
    rows: n('rows', 1, 512, true),
    cols: n('cols', 1, 512, true),
    tile: n('tile', 2, 128, true),
    rOn: n('rOn', 1, 1e6),
    rOff: n('rOff', 2, 1e7),
    sigma: n('sigma', 0, 0.5),
    states: n('states', 0, 256, true),
    lrs: n('lrs', 0, 0.5),
    hrs: n('hrs', 0, 0.5),
    retentionTime: n('retentionTime', 0, 1e9),
    adcBits: n('adcBits', 0, 16, true),
    sourceResistance: n('sourceResistance', 0, 1e3),
    lineResistance: n('lineResistance', 0, 1e2),
    input: oneOfParam(q, 'input', ['ones', 'random'] as const, d.input),
    seed: Math.max(0, Math.round(numberParam(q, 'seed', d.seed))),
  };
}

export function crossbarSettingsToQuery(s: CrossbarSettings, q: URLSearchParams): void {
  for (const [k, v] of Object.entries(s))
    if (v !== DEFAULT_CROSSBAR_SETTINGS[k as keyof CrossbarSettings]) q.set(k, String(v));
}

/** Builds the crossbar lab; the computation runs in a worker (one request in flight, the latest wins). */
export function mountCrossbarLab(root: HTMLElement, initial: CrossbarSettings, onState: (s: CrossbarSettings) => void) {
  let s: CrossbarSettings = { ...initial };
  const form = h('div', { class: 'controls' });
  const heatEl = h('div', { class: 'chart', 'data-chart': 'heatmaps' });
  const irEl = h('div', { class: 'chart', 'data-chart': 'irdrop' });
  const outEl = h('div', { class: 'chart', 'data-chart': 'outputs' });
  const status = h('p', { class: 'status', 'data-status': 'crossbar' });
  const error = h('p', { class: 'error', 'data-error': 'crossbar' });
  const code = codePanel('crossbar');
  root.append(
    h('div', { class: 'lab-grid' }, form, h('div', { class: 'plots' }, status, error, heatEl, irEl, outEl, code.root)),
  );

  const worker = new Worker(new URL('./crossbar.worker.ts', import.meta.url), { type: 'module' });
  let nextId = 0;
  let latest = -1;
  worker.onmessage = (event: MessageEvent<CrossbarReply>) => {
    const m = event.data;
    if (m.id !== latest) return;
    if (m.type === 'error') {
      error.textContent = m.message;
      status.textContent = '';
      return;
    }
    error.textContent = '';
    void show(m.result, m.ms);
  };
  const show = async (r: CrossbarResult, ms: number) => {
    const t0 = performance.now();
    const cells = r.stages[0]!.tile.rows * r.stages[0]!.tile.cols;
    const size = Math.max(120, Math.min(220, Math.round(Math.sqrt(cells) * 6)));
    await Promise.all([
      drawChart(
        heatEl,
        conductanceHeatmapSpec(
          r.stages.map((st) => ({ label: st.label, conductance: st.tile })),
          {
            title: `G⁺, first tile (${r.stages[0]!.tile.rows}×${r.stages[0]!.tile.cols}) of ${r.rows}×${r.cols}`,
            width: size,
          },
        ),
      ),
      drawChart(
        irEl,
        // The heatmap spec of @memsim/plot, relabelled: the cells hold voltages here, not conductances.
        JSON.parse(
          JSON.stringify(
            conductanceHeatmapSpec([{ label: 'voltage across each device', conductance: r.irDrop }], {
              title: `IR drop of the first tile as a passive array (worst output error ${fmt(100 * r.irDropMaxRelativeError)} %)`,
              width: size,
            }),
          ).replaceAll('"G [S]"', '"V [V]"'),
        ),
      ),
      drawChart(outEl, {
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        title: `Output vs ideal x·W (relative error ${fmt(100 * r.relativeError)} %)`,
        width: 420,
        height: 180,
        data: {
          values: Array.from(r.ideal).flatMap((v, j) => [
            { output: j, kind: 'ideal x·W', y: v },
            { output: j, kind: 'crossbar', y: r.hardware[j]! },
          ]),
        },
        mark: { type: 'point', filled: true, size: 30 },
        encoding: {
          x: { field: 'output', type: 'quantitative', title: 'output (bit line)' },
          y: { field: 'y', type: 'quantitative', title: 'output [weight units]' },
          color: { field: 'kind', type: 'nominal', title: null },
          shape: { field: 'kind', type: 'nominal', title: null },
        },
      }),
    ]);
    status.textContent = `${r.rows}×${r.cols} weights on ${Math.ceil(r.rows / s.tile) * Math.ceil(r.cols / s.tile)} tile(s): computed in ${fmt(ms)} ms (worker), plotted in ${fmt(performance.now() - t0)} ms`;
    status.dataset.relativeError = String(r.relativeError);
    status.dataset.runs = String(Number(status.dataset.runs ?? 0) + 1);
  };
  const run = () => {
    latest = nextId++;
    status.textContent = 'computing…';
    worker.postMessage({ id: latest, settings: s });
    code.set(crossbarCode(s));
  };
  const update = (change: Partial<CrossbarSettings>) => {
    s = { ...s, ...change };
    onState(s);
    run();
  };
  form.append(
    selectField('source', 'Weights', WEIGHT_SOURCES, s.source, (v) =>
      update({ source: v as CrossbarSettings['source'] }),
    ),
    numberField('rows', 'Rows (random)', 'inputs', s.rows, (rows) => update({ rows: Math.round(rows) }), {
      min: '1',
      max: '512',
    }),
    numberField('cols', 'Columns (random)', 'outputs', s.cols, (cols) => update({ cols: Math.round(cols) }), {
      min: '1',
      max: '512',
    }),
    selectField('tile', 'Tile', ['8', '16', '32', '64', '128'], String(s.tile), (v) => update({ tile: Number(v) })),
    numberField('rOn', 'rOn', 'Ω', s.rOn, (rOn) => update({ rOn })),
    numberField('rOff', 'rOff', 'Ω', s.rOff, (rOff) => update({ rOff })),
    slider(
      'sigma',
      'Variability σ (relative)',
      0,
      0.5,
      0.01,
      s.sigma,
      (v) => `${Math.round(v * 100)} %`,
      (sigma) => update({ sigma }),
    ),
    slider(
      'states',
      'Conductance states (0 = continuous)',
      0,
      64,
      1,
      s.states,
      (v) => String(v),
      (states) => update({ states }),
    ),
    slider(
      'lrs',
      'Stuck at LRS',
      0,
      0.3,
      0.01,
      s.lrs,
      (v) => `${Math.round(v * 100)} %`,
      (lrs) => update({ lrs }),
    ),
    slider(
      'hrs',
      'Stuck at HRS',
      0,
      0.3,
      0.01,
      s.hrs,
      (v) => `${Math.round(v * 100)} %`,
      (hrs) => update({ hrs }),
    ),
    numberField(
      'retentionTime',
      'Retention time (0 = off)',
      's',
      s.retentionTime,
      (retentionTime) => update({ retentionTime }),
      { min: '0' },
    ),
    slider(
      'adcBits',
      'ADC bits (0 = none)',
      0,
      12,
      1,
      s.adcBits,
      (v) => String(v),
      (adcBits) => update({ adcBits }),
    ),
    numberField(
      'sourceResistance',
      'Source resistance',
      'Ω',
      s.sourceResistance,
      (sourceResistance) => update({ sourceResistance }),
      { min: '0' },
    ),
    numberField(
      'lineResistance',
      'Wire resistance per cell',
      'Ω',
      s.lineResistance,
      (lineResistance) => update({ lineResistance }),
      { min: '0' },
    ),
    selectField('input', 'Input', ['random', 'ones'], s.input, (v) =>
      update({ input: v as CrossbarSettings['input'] }),
    ),
    numberField('seed', 'Seed', '', s.seed, (seed) => update({ seed: Math.max(0, Math.round(seed)) })),
  );
  run();
}
