// Type-checked with `tsc --strict` in the fresh project (no skipLibCheck).
import type * as tf from '@tensorflow/tfjs';
import { createPopulation, VTEAM } from '@memsim/devices';
import { initBackend, patchModel, type MemristiveModel } from '@memsim/layers';
import { loadModelFromDirectory } from '@memsim/layers/node';

export async function run(dir: string): Promise<number> {
  const pop = createPopulation(VTEAM, 4, {}, { seed: 3 });
  const backend: string = await initBackend();
  const model: tf.LayersModel = await loadModelFromDirectory(dir);
  const patched: MemristiveModel = await patchModel(model, {
    device: { model: VTEAM },
    mapping: { tileShape: [8, 8] },
    readout: { maxInputVoltage: 1 },
  });
  return pop.size + backend.length + patched.layers.length;
}
