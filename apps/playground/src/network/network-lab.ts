import { accuracyBarSpec } from '@memsim/plot';
import { drawChart } from '../ui/chart';
import { codePanel, fmt, h, selectField, slider } from '../ui/controls';
import { drawPad } from './draw-pad';
import { networkCode } from './network-code';
import type { WorkerReply } from './network-protocol';
import type { NetworkSettings } from './network-settings';

const pct = (v: number) => `${(100 * v).toFixed(1)} %`;

/** Builds the network lab; TensorFlow.js, the model and the images load in a worker when the lab is first shown. */
export function mountNetworkLab(root: HTMLElement, initial: NetworkSettings, onState: (s: NetworkSettings) => void) {
  let s: NetworkSettings = { ...initial };
  const form = h('div', { class: 'controls' });
  const progress = h('progress', { max: '1', value: '0', 'data-progress': 'network' });
  const phase = h('span', { class: 'phase' });
  const result = h('p', { class: 'result', 'data-result': 'network' });
  const warning = h('p', { class: 'warning', 'data-warning': 'network' });
  const error = h('p', { class: 'error', 'data-error': 'network' });
  const barEl = h('div', { class: 'chart', 'data-chart': 'accuracy' });
  const prediction = h('p', { class: 'prediction', 'data-prediction': 'network' }, 'Draw a digit (0–9) in the box.');
  const code = codePanel('network');
  const worker = new Worker(new URL('./network.worker.ts', import.meta.url), { type: 'module' });
  let nextId = 0;
  let latest = -1;
  const pad = drawPad((pixels) => {
    worker.postMessage({ type: 'predict', id: nextId++, pixels }, [pixels.buffer]);
  });
  root.append(
    h(
      'div',
      { class: 'lab-grid' },
      form,
      h(
        'div',
        { class: 'plots' },
        h('div', { class: 'progress-line' }, progress, phase),
        warning,
        error,
        result,
        barEl,
        h('div', { class: 'draw' }, pad.root, prediction),
        code.root,
      ),
    ),
  );
  worker.onmessage = (event: MessageEvent<WorkerReply>) => {
    const m = event.data;
    if (m.type === 'prediction') {
      const best = (p: number[]) => p.indexOf(Math.max(...p));
      const d = best(m.digital);
      prediction.dataset.digital = String(d);
      prediction.textContent = `digital: ${d} (${pct(m.digital[d]!)})`;
      if (m.hardware !== null) {
        const hw = best(m.hardware);
        prediction.dataset.hardware = String(hw);
        prediction.textContent += ` · memristive: ${hw} (${pct(m.hardware[hw]!)})`;
      }
      return;
    }
    if (m.type === 'warning') {
      // Loud on purpose: the cpu backend is ~35× slower and the figures on the page would mislead.
      warning.textContent = `⚠ ${m.message}`;
      console.warn(m.message);
      return;
    }
    if (m.id !== latest) return;
    if (m.type === 'progress') {
      progress.max = m.total;
      progress.value = m.done;
      phase.textContent = `${m.phase} (${m.done}/${m.total})`;
    } else if (m.type === 'error') {
      error.textContent = m.message;
      phase.textContent = '';
    } else if (m.type === 'result') {
      error.textContent = '';
      phase.textContent = `done: patch + tune ${fmt(m.patchMs / 1000)} s, inference ${fmt(m.inferenceMs / 1000)} s (${m.backend} backend)`;
      progress.value = progress.max;
      result.dataset.accuracy = String(m.accuracy);
      result.dataset.digital = String(m.digital);
      result.dataset.inferenceMs = String(m.inferenceMs);
      result.dataset.patchMs = String(m.patchMs);
      result.dataset.runs = String(Number(result.dataset.runs ?? 0) + 1);
      result.textContent = `Accuracy on ${m.images} MNIST test images: memristive ${pct(m.accuracy)} · digital ${pct(m.digital)}`;
      void drawChart(
        barEl,
        accuracyBarSpec(
          [
            { label: 'digital', accuracy: m.digital },
            { label: 'memristive', accuracy: m.accuracy },
          ],
          { title: 'Test accuracy (1 000 images)', width: 240, height: 160 },
        ),
      );
    }
  };
  const run = () => {
    latest = nextId++;
    delete result.dataset.accuracy;
    phase.textContent = 'starting…';
    worker.postMessage({ type: 'evaluate', id: latest, settings: s });
    code.set(networkCode(s));
  };
  const update = (change: Partial<NetworkSettings>) => {
    s = { ...s, ...change };
    onState(s);
    run();
  };
  form.append(
    slider(
      'sigma',
      'Device σ of rOn [Ω] (rOff: 2σ)',
      0,
      100,
      5,
      s.sigma,
      (v) => `${v} Ω`,
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
      0.2,
      0.01,
      s.lrs,
      (v) => `${Math.round(v * 100)} %`,
      (lrs) => update({ lrs }),
    ),
    slider(
      'hrs',
      'Stuck at HRS',
      0,
      0.2,
      0.01,
      s.hrs,
      (v) => `${Math.round(v * 100)} %`,
      (hrs) => update({ hrs }),
    ),
    slider(
      'adcBits',
      'ADC bits (0 = none)',
      0,
      10,
      1,
      s.adcBits,
      (v) => String(v),
      (adcBits) => update({ adcBits }),
    ),
    selectField('tile', 'Tile (0 = untiled)', ['0', '32', '64', '128', '256'], String(s.tile), (v) =>
      update({ tile: Number(v) }),
    ),
    slider(
      'lineResistance',
      'Wire resistance per cell (0 = 1T1R)',
      0,
      2,
      0.1,
      s.lineResistance,
      (v) => `${v} Ω`,
      (lineResistance) => update({ lineResistance }),
    ),
    slider(
      'seed',
      'Seed',
      0,
      20,
      1,
      s.seed,
      (v) => String(v),
      (seed) => update({ seed }),
    ),
    h('p', { class: 'note' }, 'VTEAM devices (rOn 200 Ω, rOff 500 Ω), double column, inputs to ±1 V, outputs tuned.'),
  );
  run();
}
