import { describe, expect, it } from 'vitest';
import * as devices from '../src/index';

describe('public entry', () => {
  it('exports the documented API', () => {
    const functions = [
      'createPopulation',
      'conductanceRange',
      'clonePopulation',
      'setPopulationParameter',
      'populationToJSON',
      'populationFromJSON',
      'meanParameter',
      'normal',
      'uniform',
      'lognormal',
      'isStochasticParameter',
      'joglekar',
      'memtorchJoglekar',
      'biolek',
      'prodromakis',
      'memtorchProdromakis',
      'hysteresisLoop',
      'bipolarSwitching',
      'sineSignal',
      'triangleSignal',
      'pulseTrain',
      'sampleCount',
      'createRng',
      'Memristor',
      'fromMemTorch',
      'measuredDevice',
      'measuredIV',
    ];
    for (const name of functions) expect(typeof (devices as Record<string, unknown>)[name], name).toBe('function');
    const models = ['LinearIonDrift', 'VTEAM', 'DataDriven', 'DataDriven2021', 'StanfordPKU'] as const;
    for (const name of models) {
      const model = devices[name];
      expect(model.name).toBe(name);
      for (const kernel of ['step', 'current', 'setConductance', 'conductance', 'validate'] as const)
        expect(typeof model[kernel]).toBe('function');
      expect([1, -1]).toContain(model.polarity);
      expect(model.readVoltage).toBeGreaterThan(0);
    }
    expect(devices.INTEGRATION_METHODS).toEqual(['euler', 'rk4', 'adaptive']);
    expect(devices.DISTRIBUTIONS).toEqual(['normal', 'uniform', 'lognormal']);
    expect(devices.LINEAR_ION_DRIFT_WINDOWS).toContain('memtorch-joglekar');
    expect(devices.DEFAULT_MEASURED_DEVICE_OPTIONS).toEqual({
      bins: 64,
      spread: true,
      pulseWidth: 1e-6,
      vThreshold: 0.75,
    });
  });

  it('polarity table', () => {
    expect(devices.LinearIonDrift.polarity).toBe(1);
    expect(devices.VTEAM.polarity).toBe(-1);
    expect(devices.DataDriven.polarity).toBe(-1);
    expect(devices.DataDriven2021.polarity).toBe(1);
    expect(devices.StanfordPKU.polarity).toBe(1);
  });
});
