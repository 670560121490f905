import { InvalidParameterError } from '@memsim/core';
import { expectClose } from '@memsim/core/testing';
import { describe, expect, it } from 'vitest';
import { programmingSignal } from '../../src/index';
import { flat, golden } from '../helpers';

const G = golden('programming.json');

describe('programmingSignal', () => {
  it.each(G.gen_programming_signal.map((c: any) => [JSON.stringify(c.args), c]) as [string, any][])(
    'golden %s',
    (_label, c: any) => {
      const a = c.args;
      const call = () =>
        programmingSignal({
          pulses: a.number_of_pulses,
          pulseDuration: a.pulse_duration,
          refractoryPeriod: a.refactory_period,
          voltage: a.voltage_level,
          dt: a.time_series_resolution,
        });
      if (!c.result.ok) {
        expect(call).toThrow(InvalidParameterError);
        expect(call).toThrow(/pulseDuration/);
        return;
      }
      const s = call();
      expectClose(s.time, flat(c.result.value.time_signal), { rtol: 1e-12, atol: 1e-25, label: 'time' });
      expectClose(s.voltage, flat(c.result.value.voltage_signal), { rtol: 0, atol: 0, label: 'voltage' });
    },
  );

  it.each([
    ['pulses', 0],
    ['pulses', 1.5],
    ['pulseDuration', -1e-3],
    ['refractoryPeriod', -1],
    ['refractoryPeriod', 1.5e-4],
    ['voltage', Number.NaN],
    ['dt', 0],
  ])('rejects %s = %s', (key, value) => {
    const options = { pulses: 1, pulseDuration: 1e-3, refractoryPeriod: 0, voltage: 1, dt: 1e-4, [key]: value };
    expect(() => programmingSignal(options)).toThrow(InvalidParameterError);
    expect(() => programmingSignal(options)).toThrow(new RegExp(`\`${key}\``));
  });
});
