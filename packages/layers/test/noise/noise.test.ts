import { VTEAM, measuredDevice } from '@memsim/devices';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadChip, patchModel, saveChip } from '../../src/index';
import type { ChipArtifact, MemristiveModel, PatchOptions } from '../../src/index';
import { MODEL_CASES, seedWeights } from '../fixtures';
import { randomUniform, setupBackend, tf } from '../helpers';

beforeAll(async () => {
  await setupBackend();
});

const functional = MODEL_CASES.find((c) => c.name.startsWith('functional'))!;
const x = () => tf.tensor(randomUniform(4 * functional.input.reduce((a, b) => a * b, 1), 5), [4, ...functional.input]);
const out = (m: MemristiveModel) => Array.from((m.predict(x()) as tf.Tensor).dataSync());

async function chip(options: Partial<PatchOptions> = {}): Promise<MemristiveModel> {
  const patched = await patchModel(seedWeights(functional.build(), 3), {
    model: VTEAM,
    tileShape: [8, 4],
    seed: 2,
    readNoise: { model: 'gaussian', relative: 0.05 },
    ...options,
  });
  patched.tune();
  return patched;
}

async function roundTrip(m: MemristiveModel): Promise<MemristiveModel> {
  const { weightData, ...rest } = await saveChip(m);
  return loadChip({ ...(JSON.parse(JSON.stringify(rest)) as Omit<ChipArtifact, 'weightData'>), weightData });
}

/** Two measured cycles of a device whose conductance moves 1 µS (1.1 µS) per pulse up, then down: a linear device. */
function linearMeasuredDevice() {
  const rows = [0, 1].flatMap((cycle) =>
    Array.from({ length: 41 }, (_, k) => ({
      cycle,
      pulse: k,
      polarity: k === 0 ? 0 : k <= 20 ? 1 : -1,
      conductance: 1e-5 + (k <= 20 ? k : 40 - k) * (cycle === 0 ? 1e-6 : 1.1e-6),
    })),
  );
  return measuredDevice(rows);
}

describe('read noise, programming noise and drift on a patched model', () => {
  it('read noise: a fresh draw every forward, the same sequence for the same seed', async () => {
    const a = await chip();
    const b = await chip();
    const a1 = out(a);
    const a2 = out(a);
    expect(a1).not.toEqual(a2);
    expect(out(b)).toEqual(a1);
    expect(out(b)).toEqual(a2);
    const quiet = await chip({ readNoise: { model: 'gaussian' } });
    expect(out(quiet)).toEqual(out(quiet));
    const c = await chip({ seed: 3 });
    expect(out(c)).not.toEqual(a1);
  });

  it('setReadout switches read noise on and off; patchModel rejects it with a passive read-out', async () => {
    const m = await chip({ readNoise: { model: 'gaussian' } });
    const clean = out(m);
    m.setReadout({ readNoise: { model: 'pcm' } });
    expect(out(m)).not.toEqual(clean);
    m.setReadout({ readNoise: undefined });
    expect(out(m)).toEqual(clean);
    await expect(
      chip({ transistor: false, sourceResistance: 1, lineResistance: 1, tileShape: undefined } as PatchOptions),
    ).rejects.toThrow(/readNoise/);
    await expect(chip({ readNoise: { model: 'bogus' } as never })).rejects.toThrow(/readNoise/);
  });

  it('a measured device model patches, programs with pulses (0T1R) and reads like any other model', async () => {
    const device = linearMeasuredDevice();
    const digital = seedWeights(functional.build(), 3);
    const patched = await patchModel(digital, {
      model: device.model,
      params: device.params,
      transistor: false,
      mode: 'ideal',
      programming: { relTol: 0.01, halfSelect: false },
      seed: 4,
    });
    patched.tune();
    const want = Array.from((digital.predict(x()) as tf.Tensor).dataSync());
    const got = out(patched);
    const scale = Math.max(...want.map(Math.abs));
    for (const [i, v] of got.entries()) expect(Math.abs(v - want[i]!)).toBeLessThan(0.1 * scale);
  });

  it('a chip on a measured device with programming noise and a drift clock reloads exactly, without the data', async () => {
    const device = linearMeasuredDevice();
    const m = await patchModel(seedWeights(functional.build(), 3), {
      model: device.model,
      params: device.params,
      tileShape: [8, 4],
      seed: 6,
      readNoise: { model: 'pcm' },
    });
    m.tune();
    m.applyNonidealities([
      { kind: 'programmingNoise', model: 'pcm', seed: 7 },
      { kind: 'pcmDrift', time: 60, seed: 8 },
    ]);
    m.compensateDrift();
    out(m);
    const copy = await roundTrip(m);
    expect(out(copy)).toEqual(out(m));
    // The saved devices are the measured model (rebuilt from the saved table), and their clock continues.
    m.applyNonidealities([{ kind: 'pcmDrift', time: 86400 }]);
    copy.applyNonidealities([{ kind: 'pcmDrift', time: 86400 }]);
    expect(copy.compensateDrift()).toEqual(m.compensateDrift());
    expect(out(copy)).toEqual(out(m));
    // The reloaded devices still respond to pulses as the measured model does.
    const a = m.layerPrograms[0]!.sets[0]!.crossbars[0]!.population;
    const b = copy.layerPrograms[0]!.sets[0]!.crossbars[0]!.population;
    expect(b.model.name).toBe('Measured');
    for (const p of [a, b]) p.model.step(p, 2, 5e-6);
    expect(b.state).toEqual(a.state);
  });

  it('save → load keeps the programmed noisy state, the drift clock, the compensation and the read-noise stream', async () => {
    const m = await chip({ readNoise: { model: 'pcm' } });
    m.applyNonidealities([
      { kind: 'programmingNoise', model: 'pcm', seed: 4 },
      { kind: 'pcmDrift', time: 3600, seed: 5 },
    ]);
    const factors = m.compensateDrift();
    expect(factors.every((f) => f > 1)).toBe(true);
    out(m); // advance the read-noise streams
    const copy = await roundTrip(m);
    expect(copy.driftCompensation()).toEqual(factors);
    expect(out(copy)).toEqual(out(m));
    // The drift clock continues: both chips drift to one day without a seed (ν was drawn at programming).
    m.applyNonidealities([{ kind: 'pcmDrift', time: 86400 }]);
    copy.applyNonidealities([{ kind: 'pcmDrift', time: 86400 }]);
    expect(copy.compensateDrift()).toEqual(m.compensateDrift());
    expect(out(copy)).toEqual(out(m));
    m.clearDriftCompensation();
    expect(m.driftCompensation().every((f) => f === 1)).toBe(true);
  });
});
