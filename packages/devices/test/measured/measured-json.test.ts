import { InvalidParameterError } from '@memsim/core';
import { describe, expect, it } from 'vitest';
import { createPopulation, measuredDevice, populationFromJSON, populationToJSON } from '../../src/index';
import type { DevicePopulationJSON } from '../../src/index';

// Two cycles of a device that moves 1 µS (cycle 0) or 1.2 µS (cycle 1) per pulse up, then back down.
const rows = [0, 1].flatMap((cycle) =>
  Array.from({ length: 41 }, (_, k) => ({
    cycle,
    pulse: k,
    polarity: k === 0 ? 0 : k <= 20 ? 1 : -1,
    conductance: 1e-5 + (k <= 20 ? k : 40 - k) * (cycle === 0 ? 1e-6 : 1.2e-6),
  })),
);

const roundTrip = (json: DevicePopulationJSON) => populationFromJSON(JSON.parse(JSON.stringify(json)));

describe('populations of a measured device model', () => {
  it('survive JSON without the data: same table, parameters, state and pulse responses, bit for bit', () => {
    const device = measuredDevice(rows);
    const pop = createPopulation(device.model, 50, device.params, { seed: 3 });
    pop.model.step(pop, 1.5 * device.model.defaults.vThreshold, 7 * device.model.defaults.pulseWidth);
    const json = populationToJSON(pop);
    expect(json.modelSpec?.kind).toBe('measured');
    const copy = roundTrip(json);
    expect(copy.model.name).toBe('Measured');
    expect(copy.state).toEqual(pop.state);
    expect(copy.params).toEqual(pop.params);
    // Independent check of the rebuilt table: the same pulses move both populations identically.
    for (const v of [1.2, -1.2, 2, -0.9])
      for (const p of [pop, copy]) p.model.step(p, v, 3 * device.model.defaults.pulseWidth);
    expect(copy.state).toEqual(pop.state);
    // Populations of one saved model share one rebuilt model object.
    expect(roundTrip(json).model).toBe(copy.model);
  });

  it('built-in models carry no spec; a malformed spec is rejected naming the field', () => {
    const device = measuredDevice(rows);
    const json = populationToJSON(createPopulation(device.model, 2, device.params, { seed: 1 }));
    const broken = JSON.parse(JSON.stringify(json));
    broken.modelSpec.table.setStep = broken.modelSpec.table.resetStep;
    broken.modelSpec.table.setConductance = {
      float64: Buffer.from(new Float64Array([2e-5, 1e-5]).buffer).toString('base64'),
    };
    expect(() => populationFromJSON(broken)).toThrow(InvalidParameterError);
    const descending = JSON.parse(JSON.stringify(json));
    const n = Buffer.from(descending.modelSpec.table.setConductance.float64, 'base64').length / 8;
    descending.modelSpec.table.setConductance = {
      float64: Buffer.from(Float64Array.from({ length: n }, (_, i) => 1e-5 * (n - i)).buffer).toString('base64'),
    };
    expect(() => populationFromJSON(descending)).toThrow(/modelSpec\.table\.setConductance\[1\]/);
    const fitted = JSON.parse(JSON.stringify(json));
    fitted.modelSpec.fitted.rOn = fitted.modelSpec.fitted.rOff * 2;
    expect(() => populationFromJSON(fitted)).toThrow(/modelSpec\.fitted\.rOn/);
    expect(() => populationFromJSON({ ...json, modelSpec: { kind: 'other' } as never })).toThrow(/modelSpec/);
  });
});
