import { accuracyBarSpec } from '@memsim/plot';
import { drawChart } from '../ui/chart';
import { codePanel, fmt, h, selectField, slider } from '../ui/controls';
import { drawPad } from './draw-pad';
import { networkCode } from './network-code';
import type { WorkerReply } from './network-protocol';
import { SUBSET_SIZE } from './mnist-subset';
import { EVAL_BATCH, type NetworkSettings } from './network-settings';

/**
 * Workers sharing an evaluation: each patches the same network (same seed, so identical crossbars and tuning) and
 * classifies its half of the images in the same batches one worker would use, so the accuracy does not depend on
 * the split. Two on a multi-core machine (≈ 2× on 2 idle cores), else one.
 */
const WORKERS = Math.max(1, Math.min(2, (navigator.hardwareConcurrency ?? 1) >= 2 ? 2 : 1));

/** Image ranges of the workers: whole batches, as even as possible. */
function ranges(workers: number): { first: number; count: number }[] {
  const batches = Math.ceil(SUBSET_SIZE / EVAL_BATCH);
  const out: { first: number; count: number }[] = [];
  let b = 0;
  for (let w = 0; w < workers; w++) {
    const take = Math.ceil((batches - b) / (workers - w));
    out.push({ first: b * EVAL_BATCH, count: Math.min(SUBSET_SIZE, (b + take) * EVAL_BATCH) - b * EVAL_BATCH });
    b += take;
  }
  return out.filter((r) => r.count > 0);
}

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
  const parts = ranges(WORKERS);
  const workers = parts.map(() => new Worker(new URL('./network.worker.ts', import.meta.url), { type: 'module' }));
  let nextId = 0;
  let latest = -1;
  // Per worker, the latest evaluation's progress and result.
  let progressDone: number[] = [];
  let results: (Extract<WorkerReply, { type: 'result' }> | null)[] = [];
  const pad = drawPad((pixels) => {
    // The first worker keeps the latest patched network for drawn digits.
    workers[0]!.postMessage({ type: 'predict', id: nextId++, pixels }, [pixels.buffer]);
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
  const onMessage = (w: number, m: WorkerReply) => {
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
      progressDone[w] = m.done;
      const done = progressDone.reduce((a, b) => a + b, 0);
      progress.max = SUBSET_SIZE;
      progress.value = done;
      phase.textContent = `${m.phase} (${done}/${SUBSET_SIZE}, ${parts.length} worker${parts.length > 1 ? 's' : ''})`;
    } else if (m.type === 'error') {
      error.textContent = m.message;
      phase.textContent = '';
    } else if (m.type === 'result') {
      results[w] = m;
      if (results.some((r) => r === null)) return;
      const all = results as Extract<WorkerReply, { type: 'result' }>[];
      const images = all.reduce((a, r) => a + r.images, 0);
      const accuracy = all.reduce((a, r) => a + r.correct, 0) / images;
      const digital = all.reduce((a, r) => a + r.digitalCorrect, 0) / images;
      const patchMs = Math.max(...all.map((r) => r.patchMs));
      const inferenceMs = Math.max(...all.map((r) => r.inferenceMs));
      error.textContent = '';
      phase.textContent = `done: patch + tune ${fmt(patchMs / 1000)} s, inference ${fmt(inferenceMs / 1000)} s (${all[0]!.backend} backend, ${all.length} worker${all.length > 1 ? 's' : ''})`;
      progress.value = progress.max;
      result.dataset.accuracy = String(accuracy);
      result.dataset.digital = String(digital);
      result.dataset.inferenceMs = String(inferenceMs);
      result.dataset.patchMs = String(patchMs);
      result.dataset.runs = String(Number(result.dataset.runs ?? 0) + 1);
      result.textContent = `Accuracy on ${images} MNIST test images: memristive ${pct(accuracy)} · digital ${pct(digital)}`;
      void drawChart(
        barEl,
        accuracyBarSpec(
          [
            { label: 'digital', accuracy: digital },
            { label: 'memristive', accuracy },
          ],
          { title: 'Test accuracy (1 000 images)', width: 240, height: 160 },
        ),
      );
    }
  };
  workers.forEach((worker, w) => {
    worker.onmessage = (event: MessageEvent<WorkerReply>) => onMessage(w, event.data);
  });
  const run = () => {
    latest = nextId++;
    delete result.dataset.accuracy;
    phase.textContent = 'starting…';
    progressDone = parts.map(() => 0);
    results = parts.map(() => null);
    parts.forEach((r, w) => {
      workers[w]!.postMessage({ type: 'evaluate', id: latest, settings: s, first: r.first, count: r.count });
    });
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
