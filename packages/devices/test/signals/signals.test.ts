import { InvalidParameterError, setMemoryLimit } from '@memsim/core';
import { describe, expect, it } from 'vitest';
import {
  createPopulation,
  hysteresisLoop,
  pulseTrain,
  sampleCount,
  sineSignal,
  triangleSignal,
  VTEAM,
} from '../../src/index';

describe('sampleCount', () => {
  it.each([
    [4, 1e-4, 40_001],
    [200e-9, 1e-10, 2001],
    [1e-3, 1e-8, 100_001],
    [1e-3, 1e-10, 10_000_001],
    [0.5, 1e-4, 5001],
    [1 / 0.05, 1e-4, 200_001],
  ])('duration %s, dt %s → %s samples (numpy arange counts)', (duration, dt, n) => {
    expect(sampleCount(duration, dt)).toBe(n);
  });
});

describe('sineSignal', () => {
  it('samples A·sin(2πft + φ) at t = k·dt', () => {
    const { time, voltage } = sineSignal({ duration: 1, amplitude: 2, frequency: 3, dt: 0.01, phase: 0.5 });
    expect(time.length).toBe(101);
    for (let k = 0; k < time.length; k++) {
      expect(time[k]).toBe(k * 0.01);
      expect(voltage[k]).toBe(2 * Math.sin(2 * Math.PI * 3 * time[k]! + 0.5));
    }
  });

  it.each([
    [{ duration: 0, amplitude: 1, frequency: 1, dt: 0.1 }, 'duration'],
    [{ duration: 1, amplitude: -1, frequency: 1, dt: 0.1 }, 'amplitude'],
    [{ duration: 1, amplitude: 1, frequency: 0, dt: 0.1 }, 'frequency'],
    [{ duration: 1, amplitude: 1, frequency: 1, dt: Number.NaN }, 'dt'],
  ])('rejects %o', (options, parameter) => {
    expect(() => sineSignal(options)).toThrow(new RegExp(`\`${parameter}\``));
  });
});

describe('triangleSignal (MemTorch bipolar stepper)', () => {
  it('K = 8, A = 1 gives 0, .5, 1, 1.5, 1, .5, 0, −.5 ', () => {
    expect(Array.from(triangleSignal({ amplitude: 1, samples: 8 }))).toEqual([0, 0.5, 1, 1.5, 1, 0.5, 0, -0.5]);
  });

  it('overshoots ±A by less than one step and is symmetric', () => {
    const a = triangleSignal({ amplitude: 1.5, samples: 201 });
    const step = 1.5 / (201 / 4);
    const max = Math.max(...a);
    const min = Math.min(...a);
    expect(max).toBeGreaterThan(1.5);
    expect(max).toBeLessThan(1.5 + step);
    expect(min).toBeCloseTo(-max, 12);
  });

  it('rejects a non-integer sample count', () => {
    expect(() => triangleSignal({ amplitude: 1, samples: 2.5 })).toThrow(InvalidParameterError);
  });
});

describe('pulseTrain', () => {
  it('builds pulses and refractory gaps from durations', () => {
    expect(
      Array.from(pulseTrain({ amplitude: [1, -1], pulseDuration: 2e-10, refractoryPeriod: 1e-10, dt: 1e-10 })),
    ).toEqual([1, 1, 0, -1, -1, 0]);
    expect(Array.from(pulseTrain({ amplitude: 0.5, count: 3, pulseDuration: 1e-3, dt: 1e-3 }))).toEqual([
      0.5, 0.5, 0.5,
    ]);
  });

  it.each([
    [{ amplitude: [], pulseDuration: 1, dt: 1 }, 'amplitude'],
    [{ amplitude: [1, Number.NaN], pulseDuration: 1, dt: 1 }, 'amplitude[1]'],
    [{ amplitude: 1, count: 0, pulseDuration: 1, dt: 1 }, 'count'],
    [{ amplitude: [1], count: 2, pulseDuration: 1, dt: 1 }, 'count'],
    [{ amplitude: 1, pulseDuration: -1, dt: 1 }, 'pulseDuration'],
    [{ amplitude: 1, pulseDuration: 1, refractoryPeriod: -1, dt: 1 }, 'refractoryPeriod'],
  ])('rejects %o', (options, parameter) => {
    try {
      pulseTrain(options as never);
      expect.unreachable();
    } catch (error) {
      expect(InvalidParameterError.isInstance(error)).toBe(true);
      expect((error as InvalidParameterError).parameter).toBe(parameter);
    }
  });
});

describe('huge sizes fail fast under the memory limit (issue 18)', () => {
  it('triangleSignal({ samples: 1e9 }) names samples and the estimate', () => {
    expect(() => triangleSignal({ amplitude: 1, samples: 1e9 })).toThrow(
      /triangleSignal: `samples` must be small enough to fit the memory limit: 1000000000 needs about 7.45 GiB/,
    );
  });
  it('createPopulation(VTEAM, 1e9) and hysteresisLoop(VTEAM, { duration: 1 }) throw before allocating', () => {
    expect(() => createPopulation(VTEAM, 1e9)).toThrow(/createPopulation: `n` must be small enough/);
    // VTEAM's dt is 1e-10 s: 1e10 samples.
    expect(() => hysteresisLoop(VTEAM, { duration: 1 })).toThrow(/hysteresisLoop: `duration` must be small enough/);
  });
  it('the limit is overridable', () => {
    const previous = setMemoryLimit(1000);
    try {
      expect(() => triangleSignal({ amplitude: 1, samples: 126 })).toThrow(InvalidParameterError);
      expect(triangleSignal({ amplitude: 1, samples: 125 })).toHaveLength(125);
    } finally {
      setMemoryLimit(previous);
    }
  });
  it.each([undefined, null])('signals with required options reject %s options', (o) => {
    expect(() => triangleSignal(o as never)).toThrow(/`options` must be an options object/);
    expect(() => sineSignal(o as never)).toThrow(InvalidParameterError);
    expect(() => pulseTrain(o as never)).toThrow(InvalidParameterError);
  });
});
