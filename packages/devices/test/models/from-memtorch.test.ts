import { InvalidParameterError } from '@memsim/core';
import { describe, expect, it } from 'vitest';
import { DataDriven, DataDriven2021, fromMemTorch, LinearIonDrift, normal, StanfordPKU, VTEAM } from '../../src/index';
import { deviceGolden } from '../golden-series';

describe('fromMemTorch', () => {
  it.each([
    ['LinearIonDrift', LinearIonDrift],
    ['VTEAM', VTEAM],
    ['Data_Driven', DataDriven],
    ['Data_Driven2021', DataDriven2021],
    ['Stanford_PKU', StanfordPKU],
  ] as const)('maps MemTorch %s init_signature onto memsim defaults', (file, model) => {
    const golden = deviceGolden(file) as unknown as { init_signature: Record<string, unknown> };
    const params = fromMemTorch(model as typeof VTEAM, golden.init_signature);
    // The MemTorch defaults are memsim's defaults under the new names.
    const defaults = model.defaults as unknown as Record<string, unknown>;
    for (const [key, value] of Object.entries(params)) expect(value, key).toEqual(defaults[key]);
    expect(Object.keys(params)).toHaveLength(Object.keys(golden.init_signature).length);
  });

  it('passes stochastic parameters through and rejects unknown names', () => {
    const rOn = normal({ mean: 50, std: 5 });
    expect(fromMemTorch(VTEAM, { r_on: rOn }).rOn).toBe(rOn);
    expect(() => fromMemTorch(VTEAM, { r_onn: 5 })).toThrow(/did you mean `r_on`/);
    expect(() => fromMemTorch({ name: 'Nope' } as never, {})).toThrow(InvalidParameterError);
  });
});
