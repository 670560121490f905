import { initCrossbars, mvm } from '@memsim/crossbar';
import { VTEAM } from '@memsim/devices';
import { applyNonidealities } from '@memsim/nonideality';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadChip, MemristiveGRU, MemristiveLSTM, patchModel, saveChip } from '../../src/index';
import type { EngineFactory, EngineRequest, MemristiveModel } from '../../src/index';
import { seedWeights } from '../fixtures';
import { matmul64, randomUniform, relativeError, setupBackend, tf } from '../helpers';
import { gruReference, lstmReference } from '../recurrent-reference';

beforeAll(async () => {
  await setupBackend();
});

function sequence(batch: number, steps: number, features: number, seed: number): tf.Tensor3D {
  return tf.tensor3d(randomUniform(batch * steps * features, seed), [batch, steps, features]);
}

/** An LSTM shaped like the ONNX fixture (MNIST rows: 28 steps × 28 features, 64 units, PyTorch's sigmoid gates). */
function fixtureLstm(): tf.LayersModel {
  return tf.sequential({
    layers: [
      tf.layers.lstm({
        units: 64,
        recurrentActivation: 'sigmoid',
        recurrentInitializer: 'zeros',
        inputShape: [28, 28],
      }),
      tf.layers.dense({ units: 10 }),
    ],
  });
}

describe('tfjs LSTM / GRU agree with the float64 Keras equations (validates the test reference)', () => {
  const shape: [number, number, number] = [3, 6, 4];
  it.each([
    { recurrentActivation: 'hardSigmoid', returnSequences: false, goBackwards: false },
    { recurrentActivation: 'sigmoid', returnSequences: true, goBackwards: true },
  ] as const)('LSTM %j', (o) => {
    const model = seedWeights(tf.sequential({ layers: [tf.layers.lstm({ units: 5, inputShape: [6, 4], ...o })] }), 1);
    const x = sequence(...shape, 2);
    const [k, r, b] = model.getWeights();
    const expected = lstmReference(x.dataSync(), shape, k!.dataSync(), r!.dataSync(), b!.dataSync(), {
      units: 5,
      ...o,
    });
    expect(relativeError((model.predict(x) as tf.Tensor).dataSync(), expected)).toBeLessThan(1e-5);
  });
  it.each([
    { recurrentActivation: 'hardSigmoid', returnSequences: true, goBackwards: false },
    { recurrentActivation: 'sigmoid', returnSequences: false, goBackwards: true },
  ] as const)('GRU (reset before) %j', (o) => {
    const model = seedWeights(tf.sequential({ layers: [tf.layers.gru({ units: 5, inputShape: [6, 4], ...o })] }), 3);
    const x = sequence(...shape, 4);
    const [k, r, b] = model.getWeights();
    const expected = gruReference(x.dataSync(), shape, k!.dataSync(), r!.dataSync(), b!.dataSync(), {
      units: 5,
      resetAfter: false,
      ...o,
    });
    expect(relativeError((model.predict(x) as tf.Tensor).dataSync(), expected)).toBeLessThan(1e-5);
  });
});

describe('crossbar sets of the gated layers', () => {
  it('LSTM: input kernel [in, 4u] and recurrent kernel [u, 4u]; GRU reset before: K, R_zr, R_h; reset after: K, R', async () => {
    const requests: EngineRequest[] = [];
    const record: EngineFactory = (request) => {
      requests.push(request);
      return (x, batch) =>
        Float32Array.from(matmul64(x, request.weights.data, batch, request.weights.rows, request.weights.cols));
    };
    const lstm = seedWeights(tf.sequential({ layers: [tf.layers.lstm({ units: 3, inputShape: [2, 5] })] }), 5);
    await patchModel(lstm, { engine: record });
    expect(requests.map((r) => [r.index, r.weights.rows, r.weights.cols])).toEqual([
      [0, 5, 12],
      [1, 3, 12],
    ]);
    expect(Array.from(requests[1]!.weights.data)).toEqual(Array.from(lstm.getWeights()[1]!.dataSync()));

    requests.length = 0;
    const gru = seedWeights(tf.sequential({ layers: [tf.layers.gru({ units: 3, inputShape: [2, 5] })] }), 6);
    await patchModel(gru, { engine: record });
    expect(requests.map((r) => [r.index, r.weights.rows, r.weights.cols])).toEqual([
      [0, 5, 9],
      [1, 3, 6],
      [2, 3, 3],
    ]);
    const rk = gru.getWeights()[1]!.arraySync() as number[][];
    expect(Array.from(requests[1]!.weights.data)).toEqual(rk.flatMap((row) => row.slice(0, 6)).map(Math.fround));
    expect(Array.from(requests[2]!.weights.data)).toEqual(rk.flatMap((row) => row.slice(6)).map(Math.fround));

    requests.length = 0;
    const after = seedWeights(
      tf.sequential({ layers: [new MemristiveGRU({ units: 3, resetAfter: true, inputShape: [2, 5] })] }),
      7,
    );
    expect(after.getWeights()[2]!.shape).toEqual([2, 9]);
    await patchModel(after, { engine: record });
    expect(requests.map((r) => [r.index, r.weights.rows, r.weights.cols])).toEqual([
      [0, 5, 9],
      [1, 3, 9],
    ]);
  });
});

describe('MemristiveLSTM shaped like the ONNX fixture (28 steps × 28 features, 64 units)', () => {
  it("'ideal' mode after tune equals the tfjs LSTM within 1e-4 relative", async () => {
    const original = seedWeights(fixtureLstm(), 11, 0.15);
    const x = sequence(8, 28, 28, 12);
    const patched = await patchModel(original, { model: VTEAM });
    patched.tune();
    expect(patched.model.layers.map((l) => l.getClassName())).toEqual(['MemristiveLSTM', 'MemristiveDense']);
    const expected = (original.predict(x) as tf.Tensor).dataSync();
    expect(relativeError((patched.predict(x) as tf.Tensor).dataSync(), expected)).toBeLessThan(1e-4);
  });

  it('tiles 32×32 + 8-bit ADC: runs and differs from the digital output by a bounded amount', async () => {
    const original = seedWeights(fixtureLstm(), 13, 0.15);
    const x = sequence(8, 28, 28, 14);
    const expected = (original.predict(x) as tf.Tensor).dataSync();
    const patched = await patchModel(original, { model: VTEAM, tileShape: [32, 32], adc: { bits: 8 } });
    patched.tune();
    expect(patched.settings.engine.mode).toBe('tiled');
    const got = (patched.predict(x) as tf.Tensor).dataSync();
    const error = relativeError(got, expected);
    expect(error).toBeGreaterThan(1e-5); // the ADC is felt
    expect(error).toBeLessThan(0.1); // but 8 bits over 28 steps stay close
    expect(got.every(Number.isFinite)).toBe(true);
  });
});

/** Max |Δ| of the outputs after corrupting the crossbars of one set only (faults applied through @memsim/nonideality). */
async function effectOfFaultsIn(model: tf.LayersModel, set: number, x: tf.Tensor): Promise<number> {
  const patched = await patchModel(model, { model: VTEAM });
  const before = (patched.predict(x) as tf.Tensor).dataSync();
  applyNonidealities(patched.crossbars()[0]!.sets[set]!.crossbars, [
    { kind: 'deviceFaults', lrsProportion: 0.2, hrsProportion: 0.2, electroformProportion: 0, seed: 3 },
  ]);
  return relativeError((patched.predict(x) as tf.Tensor).dataSync(), before);
}

describe('non-idealities reach every kernel', () => {
  const gates = [
    ['LSTM', () => tf.sequential({ layers: [tf.layers.lstm({ units: 4, inputShape: [5, 3] })] }), 2],
    ['GRU (reset before)', () => tf.sequential({ layers: [tf.layers.gru({ units: 4, inputShape: [5, 3] })] }), 3],
    [
      'GRU (reset after)',
      () => tf.sequential({ layers: [new MemristiveGRU({ units: 4, resetAfter: true, inputShape: [5, 3] })] }),
      2,
    ],
  ] as const;
  it.each(gates)('%s: faults in any one crossbar set change the output', async (_name, build, sets) => {
    const model = seedWeights(build(), 21);
    const x = sequence(3, 5, 3, 22);
    for (let set = 0; set < sets; set++) expect(await effectOfFaultsIn(model, set, x)).toBeGreaterThan(1e-3);
  });

  it.each(gates)('%s: model.applyNonidealities marks stuck devices in every set', async (_name, build, sets) => {
    const patched = await patchModel(seedWeights(build(), 23), { model: VTEAM });
    patched.applyNonidealities([
      { kind: 'deviceFaults', lrsProportion: 0.1, hrsProportion: 0.1, electroformProportion: 0, seed: 4 },
    ]);
    const stuck = patched
      .crossbars()[0]!
      .sets.map((s) =>
        s.crossbars.reduce((n, c) => n + (c.stuck ?? new Uint8Array()).reduce((a, v) => a + (v ? 1 : 0), 0), 0),
      );
    expect(stuck.length).toBe(sets);
    for (const n of stuck) expect(n).toBeGreaterThan(0);
  });
});

describe('the tiled read-out equals @memsim/crossbar mvm calls with the gates in float64 (independent recomputation)', () => {
  it('GRU reset before, 4×4 tiles + 5-bit ADC: K on all time-major rows at once, R_zr and R_h once per step', async () => {
    const [batch, steps, features, u] = [2, 4, 5, 3];
    const model = seedWeights(
      tf.sequential({ layers: [tf.layers.gru({ units: u, inputShape: [steps, features] })] }),
      31,
    );
    const [k, r, b] = model.getWeights();
    const x = sequence(batch, steps, features, 32);
    const patched = await patchModel(model, { model: VTEAM, tileShape: [4, 4], adc: { bits: 5 } });
    const got = (patched.predict(x) as tf.Tensor).dataSync();
    // Program the same weights independently and run the cell with one mvm call per product.
    const rk = r!.dataSync();
    const cols = (from: number, width: number) =>
      Float32Array.from({ length: u * width }, (_, i) => rk[Math.floor(i / width) * 3 * u + from + (i % width)]!);
    const options = { model: VTEAM, tileShape: [4, 4] as [number, number] };
    const sets = [
      initCrossbars({ rows: features, cols: 3 * u, data: k!.dataSync() as Float32Array }, options),
      initCrossbars({ rows: u, cols: 2 * u, data: cols(0, 2 * u) }, options),
      initCrossbars({ rows: u, cols: u, data: cols(2 * u, u) }, options),
    ];
    const read = (s: number, v: ArrayLike<number>, rows: number) =>
      mvm(Float32Array.from(v), rows, sets[s]!, { mode: 'tiled', adc: { bits: 5 } });
    const bias = b!.dataSync();
    const hs = (v: number) => Math.min(1, Math.max(0, 0.2 * v + 0.5));
    const xs = x.dataSync();
    const timeMajor: number[] = [];
    for (let t = 0; t < steps; t++)
      for (let n = 0; n < batch; n++)
        timeMajor.push(...xs.subarray((n * steps + t) * features, (n * steps + t + 1) * features));
    const xp = read(0, timeMajor, batch * steps);
    let h = new Array<number>(batch * u).fill(0);
    for (let t = 0; t < steps; t++) {
      const m = read(1, h, batch);
      const at = (n: number, j: number) => xp[(t * batch + n) * 3 * u + j]! + bias[j]!;
      const z = h.map((_, i) => hs(at(Math.floor(i / u), i % u) + m[Math.floor(i / u) * 2 * u + (i % u)]!));
      const rr = h.map((_, i) => hs(at(Math.floor(i / u), u + (i % u)) + m[Math.floor(i / u) * 2 * u + u + (i % u)]!));
      const mh = read(
        2,
        h.map((v, i) => v * rr[i]!),
        batch,
      );
      h = h.map((v, i) => z[i]! * v + (1 - z[i]!) * Math.tanh(at(Math.floor(i / u), 2 * u + (i % u)) + mh[i]!));
    }
    expect(relativeError(got, h)).toBeLessThan(1e-5);
    // and the 5-bit ADC is felt
    expect(relativeError(got, (model.predict(x) as tf.Tensor).dataSync())).toBeGreaterThan(1e-3);
  });
});

describe('tune and save/load', () => {
  async function degraded(build: () => tf.LayersModel, seed: number): Promise<MemristiveModel> {
    const patched = await patchModel(seedWeights(build(), seed), {
      model: VTEAM,
      tileShape: [4, 4],
      adc: { bits: 6 },
      maxInputVoltage: 0.5,
    });
    patched.applyNonidealities([
      { kind: 'deviceFaults', lrsProportion: 0.05, hrsProportion: 0.05, electroformProportion: 0, seed: 5 },
      { kind: 'finiteConductanceStates', states: 16 },
    ]);
    return patched;
  }
  const builds = [
    [
      'LSTM',
      () => tf.sequential({ layers: [tf.layers.lstm({ units: 4, returnSequences: true, inputShape: [5, 3] })] }),
    ],
    ['GRU', () => tf.sequential({ layers: [tf.layers.gru({ units: 4, inputShape: [5, 3] })] })],
    [
      'GRU reset after',
      () => tf.sequential({ layers: [new MemristiveGRU({ units: 4, resetAfter: true, inputShape: [5, 3] })] }),
    ],
  ] as const;

  it.each(builds)('%s: tune({ data }) calibrates every set on recorded inputs; twice = once', async (_n, build) => {
    const patched = await degraded(build, 41);
    const data = sequence(6, 5, 3, 42);
    const x = sequence(2, 5, 3, 43);
    const first = patched.tune({ data, perColumn: true });
    expect(first.length).toBe(patched.layers[0]!.crossbarSetCount);
    const once = Array.from((patched.predict(x) as tf.Tensor).dataSync());
    const second = patched.tune({ data, perColumn: true });
    expect(Array.from((patched.predict(x) as tf.Tensor).dataSync())).toEqual(once);
    expect(second.map((r) => Array.from(r.calibration.slope))).toEqual(
      first.map((r) => Array.from(r.calibration.slope)),
    );
  });

  it.each(builds)('%s: saveChip → JSON → loadChip gives bit-identical outputs', async (_n, build) => {
    const patched = await degraded(build, 51);
    patched.tune({ perColumn: true });
    const x = sequence(3, 5, 3, 52);
    const before = Array.from((patched.predict(x) as tf.Tensor).dataSync());
    const { weightData, ...rest } = await saveChip(patched);
    const copy = await loadChip({ ...JSON.parse(JSON.stringify(rest)), weightData });
    expect(copy.layers[0]).toBeInstanceOf(build === builds[0][1] ? MemristiveLSTM : MemristiveGRU);
    expect(Array.from((copy.predict(x) as tf.Tensor).dataSync())).toEqual(before);
  });
});

describe('initial states and returnState (how @memsim/onnx builds PyTorch recurrent layers)', () => {
  const kinds = [
    ['LSTM', (a: object) => tf.layers.lstm({ units: 4, ...a }), 2],
    ['GRU', (a: object) => tf.layers.gru({ units: 4, ...a }), 1],
    ['SimpleRNN', (a: object) => tf.layers.simpleRNN({ units: 4, ...a }), 1],
  ] as const;
  it.each(kinds)(
    '%s with initial state inputs returning [sequence, ...states] equals tfjs (digital engine; ideal VTEAM)',
    async (_n, make, states) => {
      const x = tf.input({ shape: [5, 3] });
      const initial = Array.from({ length: states }, () => tf.input({ shape: [4] }));
      const layer = make({ returnSequences: true, returnState: true, goBackwards: true });
      const outputs = layer.apply(x, { initialState: initial }) as tf.SymbolicTensor[];
      const model = seedWeights(tf.model({ inputs: [x, ...initial], outputs }), 61);
      const feeds = [sequence(2, 5, 3, 62), ...initial.map((_, i) => tf.tensor2d(randomUniform(8, 63 + i), [2, 4]))];
      const expected = (model.predict(feeds) as tf.Tensor[]).map((t) => t.dataSync());
      expect(expected.length).toBe(1 + states);
      const exact: EngineFactory =
        ({ weights }) =>
        (v, batch) =>
          Float32Array.from(matmul64(v, weights.data, batch, weights.rows, weights.cols));
      const digital = await patchModel(model, { engine: exact });
      const got = digital.predict(feeds) as tf.Tensor[];
      for (const [i, e] of expected.entries()) expect(relativeError(got[i]!.dataSync(), e)).toBeLessThan(1e-5);
      digital.setLegacy(true);
      const legacy = digital.predict(feeds) as tf.Tensor[];
      for (const [i, e] of expected.entries()) expect(relativeError(legacy[i]!.dataSync(), e)).toBeLessThan(1e-6);
      const ideal = await patchModel(model, { model: VTEAM });
      ideal.tune();
      const crossbar = ideal.predict(feeds) as tf.Tensor[];
      for (const [i, e] of expected.entries()) expect(relativeError(crossbar[i]!.dataSync(), e)).toBeLessThan(1e-4);
    },
  );
});

describe('bad arguments', () => {
  it('rejects unknown keys, activations and a non-boolean resetAfter, naming the layer', () => {
    expect(() => new MemristiveLSTM({ units: 2, unitz: 3 } as never)).toThrow(/MemristiveLSTM.*unitz/);
    expect(() => new MemristiveLSTM({ units: 0 })).toThrow(/MemristiveLSTM.*units/);
    expect(() => new MemristiveLSTM({ units: 2, recurrentActivation: 'sigmoidx' })).toThrow(/recurrentActivation/);
    expect(() => new MemristiveGRU({ units: 2, resetAfter: 1 as never, name: 'g' })).toThrow(
      /MemristiveGRU 'g'.*resetAfter/,
    );
    expect(() => new MemristiveGRU({ units: 2, activation: 'nope' })).toThrow(/activation/);
  });

  it('patchModel rejects a stateful LSTM, naming the layer', async () => {
    const model = tf.sequential({
      layers: [tf.layers.lstm({ units: 2, batchInputShape: [1, 3, 2], name: 'lstm2', stateful: true })],
    });
    await expect(patchModel(model, { model: VTEAM })).rejects.toThrow(/layer 'lstm2' stateful/);
  });
});
