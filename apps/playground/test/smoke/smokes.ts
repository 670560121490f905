// One smoke example per library package, written once and run twice: in Node (imported by the test) and in Chromium
// (bundled by esbuild for the browser). Each returns plain JSON so the two runs can be compared for equality. Nothing
// here may import a Node module: the browser bundle is built from this file. Inputs that are files (the ONNX
// fixture, resvg's wasm, the fonts) come in through `SmokeAssets`, read from disk in Node and fetched in the page.
import { base64ToBytes, bytesToBase64, createRng, InvalidParameterError } from '@memsim/core';
import { initCrossbars, mvm, solvePassive } from '@memsim/crossbar';
import {
  createPopulation,
  hysteresisLoop,
  Memristor,
  normal,
  populationFromJSON,
  populationToJSON,
  VTEAM,
} from '@memsim/devices';
import { initBackend, loadChip, patchModel, saveChip } from '@memsim/layers';
import { mapWeights, scaleInput } from '@memsim/mapping';
import { applyNonidealities } from '@memsim/nonideality';
import { importOnnx, inspectOnnx } from '@memsim/onnx';
import { accuracyLineSpec, countMarks, initPng, renderPng, renderSvg } from '@memsim/plot';
import { quantize, quantizeInput } from '@memsim/quantize';
import * as tf from '@tensorflow/tfjs';

/** Files a smoke example needs, as bytes (so Node and the page feed it the same input). */
export interface SmokeAssets {
  /** test/fixtures/lenet5/model.onnx of @memsim/onnx (a torch.onnx.export file). */
  lenetOnnx: Uint8Array;
  /** @resvg/resvg-wasm/index_bg.wasm. */
  resvgWasm: Uint8Array;
  /** DejaVu Sans regular and bold (dejavu-fonts-ttf). */
  fonts: Uint8Array[];
}

/** FNV-1a over bytes: a short, exact fingerprint of a PNG or a saved chip. */
function fnv1a(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}
const list = (a: ArrayLike<number>) => Array.from(a);
const sum = (a: ArrayLike<number>) => list(a).reduce((s, v) => s + v, 0);

/** A seeded weight matrix in [−0.5, 0.5). */
function weights(rows: number, cols: number, seed: number) {
  const rng = createRng(seed);
  return { rows, cols, data: Float64Array.from({ length: rows * cols }, () => rng.uniform() - 0.5) };
}

/** The tfjs-based smokes run on the plain-JS cpu backend: same kernels in Node and the page, so equal outputs. */
async function cpuBackend(): Promise<void> {
  await initBackend({ backend: 'cpu' });
}

export const SMOKES: Record<string, (assets: SmokeAssets) => Promise<unknown>> = {
  async '@memsim/core'() {
    const rng = createRng(42);
    const draws = [rng.uniform(), rng.normal(), rng.integer(1000)];
    const bytes = Uint8Array.from({ length: 300 }, (_, i) => (i * 37) & 255);
    const text = bytesToBase64(bytes);
    let error = '';
    try {
      createRng(Number.NaN);
    } catch (e) {
      error = InvalidParameterError.isInstance(e) ? (e as Error).name : `not InvalidParameterError: ${e}`;
    }
    return {
      draws,
      base64Length: text.length,
      roundTrip: list(base64ToBytes(text)).join() === list(bytes).join(),
      error,
    };
  },

  async '@memsim/quantize'() {
    const x = new Float64Array([2.1e-6, -4.7e-5, 3.3e-4, 9.8e-4, -1.2e-6, 0]);
    return {
      linear: list(quantize(x, { bits: 4 })),
      log: list(quantize(x, { bits: 8, method: 'log' })),
      dac: list(quantizeInput(new Float64Array([0.26, -2, 0.74]), { bits: 3, range: 1 })),
    };
  },

  async '@memsim/devices'() {
    const pop = createPopulation(VTEAM, 64, { rOn: normal({ mean: 50, std: 5, min: 1 }) }, { seed: 1 });
    VTEAM.step(pop, -0.5, 1e-10);
    const g = new Float64Array(pop.size);
    VTEAM.conductance(pop, g);
    // Save and load the population through JSON text (base64 typed arrays: the path that needed Buffer before).
    const text = JSON.stringify(populationToJSON(pop));
    const copy = populationFromJSON(JSON.parse(text));
    const g2 = new Float64Array(copy.size);
    copy.model.conductance(copy, g2);
    const loop = hysteresisLoop(new Memristor(VTEAM));
    return {
      conductanceSum: sum(g),
      reloadedEqual: list(g2).join() === list(g).join(),
      jsonLength: text.length,
      loopPeak: Math.max(...list(loop.current).map(Math.abs)),
    };
  },

  async '@memsim/mapping'() {
    const { conductances, gain } = mapWeights(weights(8, 4, 3), {
      routine: 'per-column',
      rOn: 100,
      rOff: 16000,
      scheme: 'double-column',
    });
    const { voltages, scale } = scaleInput(new Float64Array([2, -4, 1]), { maxInputVoltage: 1, per: 'batch' });
    return { gPos: list(conductances[0]!.data), gain: list(gain), voltages: list(voltages), scale: list(scale) };
  },

  async '@memsim/crossbar'() {
    const mapped = initCrossbars(weights(40, 6, 5), {
      model: VTEAM,
      params: { rOn: normal({ mean: 50, std: 2.5, min: 10 }) },
      seed: 1,
    });
    const rng = createRng(9);
    const x = Float32Array.from({ length: 3 * 40 }, () => rng.uniform());
    const tiled = mvm(x, 3, mapped, { mode: 'tiled', tileShape: [16, 4], adc: { bits: 6 } });
    const passive = solvePassive({ rows: 2, cols: 2, data: [1e-3, 2e-3, 3e-3, 4e-3] }, [0.5, 1], [0, 0], {
      sourceResistance: 5,
      lineResistance: 1,
    });
    return { tiled: list(tiled), passive: list(passive.currents) };
  },

  async '@memsim/nonideality'() {
    const mapped = initCrossbars(weights(32, 8, 11), { model: VTEAM });
    const report = applyNonidealities(mapped, [
      { kind: 'deviceFaults', lrsProportion: 0.05, hrsProportion: 0.05, seed: 3 },
      { kind: 'finiteConductanceStates', states: 16 },
      { kind: 'retention', time: 1e3, initialTime: 1 },
    ]);
    const rng = createRng(4);
    const x = Float32Array.from({ length: 2 * 32 }, () => rng.uniform());
    return { steps: report.steps.length, y: list(mvm(x, 2, mapped, { mode: 'tiled', tileShape: [16, 8] })) };
  },

  async '@memsim/layers'() {
    await cpuBackend();
    const init = (seed: number) => tf.initializers.glorotUniform({ seed });
    const model = tf.sequential({
      layers: [
        tf.layers.dense({ units: 12, activation: 'relu', inputShape: [10], kernelInitializer: init(1) }),
        tf.layers.dense({ units: 4, kernelInitializer: init(2) }),
      ],
    });
    const x = tf.randomUniform([5, 10], 0, 1, 'float32', 3);
    const patched = await patchModel(model, {
      device: { model: VTEAM },
      mapping: { tileShape: [8, 8] },
      readout: { adc: { bits: 8 }, maxInputVoltage: 1 },
    });
    patched.applyNonidealities([{ kind: 'deviceFaults', lrsProportion: 0.05, hrsProportion: 0.05, seed: 1 }]);
    const y = (patched.predict(x) as tf.Tensor).dataSync();
    // Save the programmed chip as JSON text (its tfjs weight buffer as base64, as one would keep it in localStorage
    // or send it) and load it back: the reloaded chip must give the same outputs.
    const artifact = await saveChip(patched);
    const text = JSON.stringify({ ...artifact, weightData: bytesToBase64(new Uint8Array(artifact.weightData)) });
    const parsed = JSON.parse(text);
    const copy = await loadChip({ ...parsed, weightData: base64ToBytes(parsed.weightData).slice().buffer });
    const y2 = (copy.predict(x) as tf.Tensor).dataSync();
    return {
      backend: tf.getBackend(),
      y: list(y),
      reloadedEqual: list(y2).join() === list(y).join(),
      chipFingerprint: fnv1a(new TextEncoder().encode(text)),
    };
  },

  async '@memsim/onnx'(assets) {
    await cpuBackend();
    const summary = inspectOnnx(assets.lenetOnnx);
    const model = await importOnnx(assets.lenetOnnx);
    const x = tf.randomUniform([2, 1, 28, 28], 0, 1, 'float32', 5);
    return { parameters: summary.parameters, y: list((model.predict(x) as tf.Tensor).dataSync()) };
  },

  async '@memsim/plot'(assets) {
    await initPng({ wasm: assets.resvgWasm, fonts: assets.fonts });
    // The chart's SVG: vega measures text with a canvas in the page and estimates it in Node, so the layout may differ
    // by a pixel; the marks drawn must not.
    const svg = await renderSvg(
      accuracyLineSpec(
        [
          { x: 0, accuracy: 0.98 },
          { x: 0.1, accuracy: 0.91, error: 0.02 },
          { x: 0.2, accuracy: 0.8, error: 0.03 },
        ],
        { xTitle: 'σ', digital: 0.98, chance: 0.1 },
      ),
    );
    // The PNG renderer itself on a fixed SVG (shapes and text): byte-identical in Node and the page.
    const fixed =
      '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60"><rect x="5" y="5" width="50" height="30" ' +
      'fill="#4c78a8"/><circle cx="90" cy="20" r="15" fill="#f58518"/><text x="10" y="55" font-family="DejaVu Sans" ' +
      'font-size="12">memsim σ</text></svg>';
    const png = renderPng(fixed);
    const chartPng = renderPng(svg);
    return {
      marks: countMarks(svg),
      pngSignature: list(png.subarray(0, 8)),
      pngBytes: png.length,
      pngFingerprint: fnv1a(png),
      chartIsPng: list(chartPng.subarray(1, 4)).join() === '80,78,71',
    };
  },
};
