import type { Matrix } from '@memsim/core';
import { conductanceHeatmapSpec, renderSvg } from '@memsim/plot';
import type { tf } from '../tf/backend';
import { NOVEL_DEFAULTS } from '../experiments/hardware';
import { layersPatchModel, nonidealityList, patchOptions } from '../experiments/simulate';
import * as nonideality from '@memsim/nonideality';

interface CrossbarLike {
  rows: number;
  cols: number;
  conductance: Float64Array;
}

function crop(x: CrossbarLike, size: number): Matrix {
  const rows = Math.min(size, x.rows);
  const cols = Math.min(size, x.cols);
  const data = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) data[r * cols + c] = x.conductance[r * x.cols + c]!;
  return { rows, cols, data };
}

/**
 * Options of {@link nonidealityHeatmap}.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs';
 * await initBackend({ backend: 'cpu' });
 * const options: NonidealityHeatmapOptions = { states: 4, faultRate: 0.05, size: 32, seed: 1 }; // the defaults, and a seed
 * const model = tf.sequential({ layers: [tf.layers.dense({ units: 4, inputShape: [6] })] });
 * (await nonidealityHeatmap(model, options))?.caption; // → 'Conductances of layer … before and after finite states and stuck devices.'
 */
export interface NonidealityHeatmapOptions {
  /** Finite conductance states applied (default 4). */
  states?: number;
  /** Proportion of devices stuck at LRS and at HRS, each (default 0.05). */
  faultRate?: number;
  /** Cells shown per side (default 32). */
  size?: number;
  seed: number;
}

/**
 * The tutorial's before/after figure: patches `model` onto the novel-simulation device (rOn 200 Ω, rOff 500 Ω), takes
 * the positive crossbar of the memristive layer with the largest crossbar (last one on ties), applies finite states then stuck devices, and draws the
 * top-left `size × size` cells before and after as a heatmap (SVG). Returns null when @memsim/layers has no patchModel.
 * @example
 * // (typechecked, not run: patches a whole network)
 * const model = await loadModel(shippedModelDirectory('cnn'));
 * const figure = await nonidealityHeatmap(model, { seed: 1, states: 8, faultRate: 0.05 }); // { svg, caption } or null
 */
export async function nonidealityHeatmap(model: tf.LayersModel, options: NonidealityHeatmapOptions): Promise<{ svg: string; caption: string } | null> {
  const patchModel = layersPatchModel();
  if (patchModel === null) return null;
  const states = options.states ?? 4;
  const rate = options.faultRate ?? 0.05;
  const size = options.size ?? 32;
  const mm = (await patchModel(model, patchOptions({ ...NOVEL_DEFAULTS }, options.seed))) as unknown as {
    crossbars(): { layer: string; className: string; sets: { crossbars: CrossbarLike[] }[] }[];
    dispose?(): void;
  };
  // The layer whose crossbar gives the largest square crop (the tutorial shows one tile of a big layer).
  const layers = mm.crossbars().filter((l) => l.sets.length > 0);
  const side = (l: (typeof layers)[number]) => Math.min(size, l.sets[0]!.crossbars[0]!.rows, l.sets[0]!.crossbars[0]!.cols);
  const last = layers.reduce((best, l) => (side(l) >= side(best) ? l : best), layers[0]!);
  const xbar = last.sets[0]!.crossbars[0]!;
  // A conv kernel's rows are in the patch's row order (MemTorch's (c, kh, kw) in the studies' read-out).
  const rows = /Conv/.test(last.className) ? `, rows (c, kh, kw) = MemTorch's order` : '';
  const before = crop(xbar, size);
  const list = nonidealityList({ ...NOVEL_DEFAULTS, states, lrs: rate, hrs: rate }, options.seed);
  nonideality.applyNonidealities([xbar] as never, list as never);
  const after = crop(xbar, size);
  mm.dispose?.();
  const svg = await renderSvg(
    conductanceHeatmapSpec(
      [
        { label: 'programmed', conductance: before },
        { label: `${states} states, ${100 * rate} % stuck at LRS + ${100 * rate} % at HRS`, conductance: after },
      ],
      { title: `Layer ${last.layer}, G⁺ crossbar, top-left ${before.rows}×${before.cols} cells${rows}` },
    ),
  );
  return {
    svg,
    caption: `Conductances of layer ${last.layer} (G⁺, rOn 200 Ω, rOff 500 Ω${rows}) before and after finite states and stuck devices.`,
  };
}
