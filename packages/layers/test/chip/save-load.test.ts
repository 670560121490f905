import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidParameterError } from '@memsim/core';
import { LinearIonDrift, VTEAM } from '@memsim/devices';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadChip, patchModel, saveChip } from '../../src/index';
import type { ChipArtifact, EngineFactory, MemristiveConvBase } from '../../src/index';
import { loadChipFromDirectory, saveChipToDirectory } from '../../src/node/index';
import { MODEL_CASES, seedWeights } from '../fixtures';
import { randomUniform, setupBackend, tf } from '../helpers';

beforeAll(async () => {
  await setupBackend();
});

const functional = MODEL_CASES.find((c) => c.name.startsWith('functional'))!;
const rnn = MODEL_CASES.find((c) => c.name.startsWith('SimpleRNN'))!;

async function programmedChip(c = functional) {
  const original = seedWeights(c.build(), 71);
  const patched = await patchModel(original, {
    model: VTEAM,
    tileShape: [8, 4],
    adc: { bits: 6 },
    maxInputVoltage: 0.5,
    seed: 9,
  });
  patched.applyNonidealities([
    { kind: 'deviceFaults', lrsProportion: 0.1, hrsProportion: 0.05, electroformProportion: 0, seed: 4 },
    { kind: 'finiteConductanceStates', states: 16 },
  ]);
  patched.tune({ perColumn: true });
  return patched;
}

describe('non-linear table after loading a chip (issue 20)', () => {
  const SWEEP = { kind: 'nonLinear', sweepDuration: 5e-9, sweepAmplitude: 1, sweepFrequency: 50e6 } as const;
  const FAULTS = {
    kind: 'deviceFaults',
    lrsProportion: 0.2,
    hrsProportion: 0.1,
    electroformProportion: 0,
    seed: 5,
  } as const;

  async function nonLinearChip() {
    const patched = await patchModel(seedWeights(functional.build(), 71), { model: VTEAM, seed: 9 });
    patched.applyNonidealities([SWEEP]);
    return patched;
  }

  it("loadChip → faults reads ('nonlinear') the same as faults on the original, bit for bit", async () => {
    const x = tf.tensor(randomUniform(2 * 72, 74), [2, 6, 6, 2]);
    const original = await nonLinearChip();
    const { weightData, ...rest } = await saveChip(original);
    const loaded = await loadChip({
      ...(JSON.parse(JSON.stringify(rest)) as Omit<ChipArtifact, 'weightData'>),
      weightData,
    });
    const beforeFaults = Array.from((original.predict(x) as tf.Tensor).dataSync());
    expect(Array.from((loaded.predict(x) as tf.Tensor).dataSync())).toEqual(beforeFaults);
    original.applyNonidealities([FAULTS]);
    loaded.applyNonidealities([FAULTS]);
    const afterFaults = Array.from((original.predict(x) as tf.Tensor).dataSync());
    expect(afterFaults).not.toEqual(beforeFaults); // the faults matter, so the comparison below can fail
    expect(Array.from((loaded.predict(x) as tf.Tensor).dataSync())).toEqual(afterFaults);
  });
});

describe('saving and loading a programmed chip', () => {
  it.each([functional, rnn])('$name: artifact → JSON → load gives bit-identical outputs', async (c) => {
    const patched = await programmedChip(c);
    patched.layers[0]!.setLegacy(false);
    const x = tf.tensor(randomUniform(3 * c.input.reduce((a, b) => a * b, 1), 72), [3, ...c.input]);
    const before = Array.from((patched.predict(x) as tf.Tensor).dataSync());
    const artifact = await saveChip(patched);
    const { weightData, ...rest } = artifact;
    const copy = await loadChip({
      ...(JSON.parse(JSON.stringify(rest)) as Omit<ChipArtifact, 'weightData'>),
      weightData,
    });
    expect(Array.from((copy.predict(x) as tf.Tensor).dataSync())).toEqual(before);
    expect(copy.summary()).toEqual(patched.summary());
    expect(copy.settings).toEqual(patched.settings);
    // stuck masks and calibrations came back
    const stuck = (m: typeof patched) =>
      m.crossbars().flatMap((l) => l.sets.flatMap((s) => s.crossbars.map((x) => Array.from(x.stuck ?? []))));
    expect(stuck(copy)).toEqual(stuck(patched));
    expect(copy.layers.map((l) => Array.from(l.calibration(0)!.slope))).toEqual(
      patched.layers.map((l) => Array.from(l.calibration(0)!.slope)),
    );
    // the reloaded chip keeps working: tuning again gives the same calibration as on the original
    expect(copy.tune({ perColumn: true }).map((r) => Array.from(r.calibration.slope))).toEqual(
      patched.tune({ perColumn: true }).map((r) => Array.from(r.calibration.slope)),
    );
  });

  it('a directory round trip (Node entry) gives bit-identical outputs and keeps legacy flags', async () => {
    const patched = await programmedChip();
    patched.layers[1]!.setLegacy(true);
    const x = tf.tensor(randomUniform(2 * 72, 73), [2, 6, 6, 2]);
    const before = Array.from((patched.predict(x) as tf.Tensor).dataSync());
    const dir = await mkdtemp(join(tmpdir(), 'memsim-chip-'));
    try {
      await saveChipToDirectory(patched, dir);
      expect((await readdir(dir)).sort()).toEqual(['chip.json', 'weights.bin']);
      const copy = await loadChipFromDirectory(dir);
      expect(copy.layers.map((l) => l.legacy)).toEqual([false, true, false]);
      expect(Array.from((copy.predict(x) as tf.Tensor).dataSync())).toEqual(before);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('records the conv row order: a channels-last chip reloads as channels-last with the same outputs', async () => {
    const original = seedWeights(functional.build(), 71);
    const patched = await patchModel(original, {
      model: VTEAM,
      tileShape: [8, 4],
      adc: { bits: 6 },
      rowOrder: 'channels-last',
      seed: 9,
    });
    const x = tf.tensor(randomUniform(2 * 72, 74), [2, 6, 6, 2]);
    const before = Array.from((patched.predict(x) as tf.Tensor).dataSync());
    const artifact = await saveChip(patched);
    expect(artifact.chip.layers.map((l) => l.rowOrder)).toEqual(['channels-last', undefined, undefined]);
    const copy = await loadChip(artifact);
    const conv = copy.layers[0] as MemristiveConvBase;
    expect(conv.rowOrder).toBe('channels-last');
    expect(Array.from((copy.predict(x) as tf.Tensor).dataSync())).toEqual(before);
    // The default order is MemTorch's, and it is what a default patch saves.
    const first = await patchModel(original, { model: VTEAM, tileShape: [8, 4], adc: { bits: 6 }, seed: 9 });
    expect((first.layers[0] as MemristiveConvBase).rowOrder).toBe('channels-first');
    const reloaded = await loadChip(await saveChip(first));
    expect((reloaded.layers[0] as MemristiveConvBase).rowOrder).toBe('channels-first');
    expect(Array.from((reloaded.predict(x) as tf.Tensor).dataSync())).toEqual(
      Array.from((first.predict(x) as tf.Tensor).dataSync()),
    );
  });

  it('loads a chip saved before row orders existed (test/fixtures/chip-v1) as channels-last, outputs bit for bit', async () => {
    const dir = new URL('../fixtures/chip-v1/', import.meta.url);
    const expected = JSON.parse(await readFile(new URL('expected.json', dir), 'utf8')) as {
      inputShape: number[];
      input: number[];
      output: number[];
    };
    const chip = JSON.parse(await readFile(new URL('chip.json', dir), 'utf8')) as ChipArtifact;
    expect(chip.chip.layers.every((l) => l.rowOrder === undefined)).toBe(true);
    const copy = await loadChipFromDirectory(dir.pathname);
    expect((copy.layers[0] as MemristiveConvBase).rowOrder).toBe('channels-last');
    const y = copy.predict(tf.tensor(Float32Array.from(expected.input), expected.inputShape)) as tf.Tensor;
    expect(Array.from(y.dataSync())).toEqual(expected.output);
  });

  it('rejects a foreign artifact, a custom-engine model and an empty directory name', async () => {
    await expect(loadChip({ format: 'other' } as never)).rejects.toThrow(InvalidParameterError);
    const digital: EngineFactory =
      ({ weights }) =>
      (x, batch) =>
        new Float32Array(batch * weights.cols).fill(x[0]!);
    const custom = await patchModel(seedWeights(MODEL_CASES[0]!.build(), 1), { engine: digital });
    await expect(saveChip(custom)).rejects.toThrow(/custom engine/);
    await expect(saveChipToDirectory(custom, '')).rejects.toThrow(/directory/);
  });
});

describe('a user window expression survives saveChip / loadChip (issue 18)', () => {
  it('the loaded devices keep the expression text and give the same outputs', async () => {
    const window = '1 - ((2x - 1)^2)^p';
    const m = tf.sequential();
    m.add(tf.layers.dense({ units: 3, inputShape: [4], name: 'dense' }));
    const patched = await patchModel(seedWeights(m, 2), { model: LinearIonDrift, params: { window }, seed: 1 });
    const artifact = JSON.parse(
      JSON.stringify({ ...(await saveChip(patched)), weightData: undefined }),
    ) as ChipArtifact;
    const copy = await loadChip({ ...artifact, weightData: (await saveChip(patched)).weightData });
    for (const program of copy.layerPrograms)
      for (const set of program.sets)
        for (const xbar of set!.crossbars) expect(xbar.population.settings.window).toBe(window);
    const x = tf.tensor(randomUniform(8, 3), [2, 4]);
    expect(Array.from((copy.predict(x) as tf.Tensor).dataSync())).toEqual(
      Array.from((patched.predict(x) as tf.Tensor).dataSync()),
    );
  });
});
