import { describe, expect, it } from 'vitest';
import { TUTORIAL_DEFAULTS, loadDataset, loadNetwork, patchOptions, simulateTrial } from '../../src/index';
import type { HardwareSpec } from '../../src/index';
import { initBackend } from '@memsim/layers';

describe('a study’s accuracy does not depend on the evaluation batch size', () => {
  it('CNN, untiled 6-bit ADC, ±1 V, tuned: batch sizes 1, 32 and 1000 give the same predictions', async () => {
    await initBackend();
    const data = loadDataset({ split: 'test', limit: 1000 });
    const network = await loadNetwork({ arch: 'cnn' }, data);
    // Untiled: one ADC range per image (conv and dense); inputs scaled per image. Both were per batch before.
    const spec: HardwareSpec = { ...TUTORIAL_DEFAULTS, tileShape: null, adcBits: 6 };
    expect(patchOptions(spec, 5)).toMatchObject({
      readout: { inputEncoding: 'sample', adcRange: 'sample' },
      mapping: { rowOrder: 'channels-first' },
    });
    const results = [];
    for (const batchSize of [1, 32, 1000])
      results.push(await simulateTrial(network.model, spec, 5, data, { batchSize }));
    const [one, some, all] = results;
    expect(one!.accuracy).toBeGreaterThan(0.9);
    expect(some!.accuracy).toBe(one!.accuracy);
    expect(all!.accuracy).toBe(one!.accuracy);
    expect(Array.from(some!.predictions)).toEqual(Array.from(one!.predictions));
    expect(Array.from(all!.predictions)).toEqual(Array.from(one!.predictions));
    network.model.dispose();
  }, 120_000);
});
