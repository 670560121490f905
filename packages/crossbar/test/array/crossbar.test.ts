import { InvalidParameterError, ShapeMismatchError } from '@memsim/core';
import { expectClose } from '@memsim/core/testing';
import { LinearIonDrift, VTEAM, conductanceRange, normal } from '@memsim/devices';
import { describe, expect, it } from 'vitest';
import { Crossbar } from '../../src/index';

describe('Crossbar', () => {
  it('starts every device in its own HRS, matrix consistent with the devices', () => {
    const x = new Crossbar({
      model: VTEAM,
      rows: 3,
      cols: 4,
      params: { rOff: normal({ mean: 1000, std: 50, min: 500 }) },
      seed: 1,
    });
    const { gMin } = conductanceRange(x.population);
    expectClose(x.conductance, gMin, { rtol: 1e-12, label: 'initial G' });
    expect(x.version).toBe(0);
    expect(x.stuck).toBeNull();
    expect(Crossbar.isCrossbar(x)).toBe(true);
    expect(Crossbar.isCrossbar({ rows: 3 })).toBe(false);
  });

  it('write clamps each entry into its own device range and reports how many', () => {
    const x = new Crossbar({
      model: VTEAM,
      rows: 2,
      cols: 3,
      params: { rOn: normal({ mean: 50, std: 5, min: 20 }) },
      seed: 4,
    });
    const { gMin, gMax } = conductanceRange(x.population);
    const target = Float64Array.from([1e-9, 2e-3, 1, 5e-3, -1, 1e-2]);
    const report = x.write(target);
    expect(report).toMatchObject({ clamped: 3, clampedBelow: 2, clampedAbove: 1, stuckSkipped: 0, programming: null });
    const expected = target.map((g, i) => Math.min(gMax[i]!, Math.max(gMin[i]!, g)));
    expectClose(x.conductance, expected, { rtol: 1e-9, label: 'written G' });
    expect(x.version).toBe(1);
    expect(target[0]).toBe(1e-9);
  });

  it('never moves stuck devices', () => {
    const x = new Crossbar({ model: VTEAM, rows: 2, cols: 2 });
    x.markStuck([1]);
    const before = x.conductance[1]!;
    const report = x.write(new Float64Array([2e-3, 2e-3, 2e-3, 2e-3]));
    expect(report.stuckSkipped).toBe(1);
    expect(x.conductance[1]).toBe(before);
    expectClose([x.conductance[0]!, x.conductance[2]!, x.conductance[3]!], [2e-3, 2e-3, 2e-3], { rtol: 1e-9 });
  });

  it('tiled crossbars pad tiles with real devices and map cells to tile-major slots', () => {
    const x = new Crossbar({ model: VTEAM, rows: 5, cols: 3, tileShape: [2, 2] });
    expect(x.size).toBe(3 * 2 * 2 * 2);
    expect(x.deviceIndex(0, 0)).toBe(0);
    expect(x.deviceIndex(0, 2)).toBe(4);
    expect(x.deviceIndex(1, 1)).toBe(3);
    expect(x.deviceIndex(2, 0)).toBe(8);
    expect(x.deviceIndex(4, 2)).toBe(5 * 4);
    const seen = new Set<number>();
    for (let r = 0; r < 5; r++) for (let c = 0; c < 3; c++) seen.add(x.deviceIndex(r, c));
    expect(seen.size).toBe(15);
    const g = Float64Array.from({ length: 15 }, (_, i) => 1e-3 + i * 1e-4);
    x.write(g);
    expectClose(x.conductance, g, { rtol: 1e-9 });
    const all = new Float64Array(x.size);
    VTEAM.conductance(x.population, all);
    expect(all[x.deviceIndex(3, 1)]).toBeCloseTo(g[3 * 3 + 1]!, 12);
    expect(() => x.deviceIndex(5, 0)).toThrow(/`row`/);
  });

  it('update pushes an edited matrix into the devices and reads it back', () => {
    const x = new Crossbar({ model: LinearIonDrift, rows: 2, cols: 2 });
    x.conductance.set([1e-3, 2e-3, 3e-3, 4e-3]);
    x.update({ fromDevices: false });
    expect(x.version).toBe(1);
    const copy = x.conductance.slice();
    x.conductance.fill(0);
    x.update();
    expectClose(x.conductance, copy, { rtol: 1e-9 });
    x.conductance[0] = 1;
    expect(() => x.update({ fromDevices: false })).toThrow(/conductance\[0\]/);
  });

  it('random initial state is seeded and inside each device range', () => {
    const a = new Crossbar({ model: VTEAM, rows: 4, cols: 4, initialState: 'random', seed: 9 });
    const b = new Crossbar({ model: VTEAM, rows: 4, cols: 4, initialState: 'random', seed: 9 });
    expect(Array.from(a.conductance)).toEqual(Array.from(b.conductance));
    const { gMin, gMax } = conductanceRange(a.population);
    for (let i = 0; i < 16; i++) {
      expect(a.conductance[i]).toBeGreaterThanOrEqual(gMin[i]! * (1 - 1e-12));
      expect(a.conductance[i]).toBeLessThanOrEqual(gMax[i]! * (1 + 1e-12));
    }
    expect(new Set(a.conductance).size).toBe(16);
    expect(() => new Crossbar({ model: VTEAM, rows: 1, cols: 1, initialState: 'random' })).toThrow(/seed/);
  });

  it('clone is deep', () => {
    const a = new Crossbar({ model: VTEAM, rows: 2, cols: 2 });
    const b = a.clone();
    b.write(new Float64Array(4).fill(5e-3));
    expect(a.conductance[0]).toBeCloseTo(1e-3, 12);
    expect(Crossbar.isCrossbar(b)).toBe(true);
  });

  it.each([
    [{ rows: 0, cols: 1 }, /`rows`/],
    [{ rows: 1, cols: 1.5 }, /`cols`/],
    [{ rows: 1, cols: 1, tileShape: [0, 2] }, /`tileShape\[0\]` must be a positive integer/],
    [{ rows: 1, cols: 1, initialState: 'lrs' }, /`initialState`/],
    [{ rows: 1, cols: 1, colz: 1 }, /unknown key `colz`/],
  ])('rejects %j', (extra, pattern) => {
    expect(() => new Crossbar({ model: VTEAM, ...(extra as { rows: number; cols: number }) })).toThrow(
      InvalidParameterError,
    );
    expect(() => new Crossbar({ model: VTEAM, ...(extra as { rows: number; cols: number }) })).toThrow(pattern);
  });

  it('write rejects wrong shapes and NaN', () => {
    const x = new Crossbar({ model: VTEAM, rows: 2, cols: 2 });
    expect(() => x.write(new Float64Array(3))).toThrow(ShapeMismatchError);
    expect(() => x.write(new Float64Array([1e-3, Number.NaN, 1e-3, 1e-3]))).toThrow(/G\[1\]/);
    expect(() => x.write(new Float64Array(4), { transistor: 1 as never })).toThrow(/`transistor`/);
  });
});

describe('Crossbar.update with stuck cells', () => {
  it('pushes an edited stuck cell (explicit state change) while write leaves it alone', () => {
    const x = new Crossbar({ model: VTEAM, rows: 1, cols: 2 });
    x.markStuck([0]);
    x.conductance[0] = 2e-2;
    x.update({ fromDevices: false });
    expect(x.conductance[0]).toBeCloseTo(2e-2, 12);
    x.write(new Float64Array([1e-3, 1e-3]));
    expect(x.conductance[0]).toBeCloseTo(2e-2, 12);
  });
});

describe('Crossbar.markStuck', () => {
  it('marks cells (duplicates allowed) and keeps earlier marks', () => {
    const x = new Crossbar({ model: VTEAM, rows: 2, cols: 2 });
    expect(x.stuck).toBeNull();
    x.markStuck([]);
    expect(x.stuck).toBeNull();
    x.markStuck([3, 3]);
    x.markStuck([0]);
    expect(Array.from(x.stuck!)).toEqual([1, 0, 0, 1]);
  });

  it.each([[[4]], [[-1]], [[0.5]], [[Number.NaN]]])('rejects the cell list %j, naming the entry', (cells) => {
    const x = new Crossbar({ model: VTEAM, rows: 2, cols: 2 });
    expect(() => x.markStuck(cells)).toThrow(/Crossbar\.markStuck: `cells\[0\]` must be a cell index in \[0, 3\]/);
    expect(x.stuck).toBeNull();
  });

  it('state is read-only from outside: version, stuck, lookup and population have no setters', () => {
    const x = new Crossbar({ model: VTEAM, rows: 1, cols: 2 });
    expect(() => {
      // @ts-expect-error version is a getter
      x.version = 5;
    }).toThrow(TypeError);
    expect(x.version).toBe(0);
    x.write(new Float64Array([1e-3, 1e-3]));
    expect(x.version).toBe(1);
  });
});

describe('Crossbar matrix/device consistency', () => {
  it('after write the matrix equals what the devices read, for every model', async () => {
    const devices = await import('@memsim/devices');
    for (const model of [
      devices.VTEAM,
      devices.LinearIonDrift,
      devices.DataDriven,
      devices.DataDriven2021,
      devices.StanfordPKU,
    ]) {
      const x = new Crossbar({ model, rows: 3, cols: 4, tileShape: [2, 3] });
      const { gMin, gMax } = conductanceRange(x.population);
      const G = Float64Array.from({ length: 12 }, (_, i) => {
        const d = x.deviceIndex(Math.floor(i / 4), i % 4);
        return gMin[d]! + ((i + 0.5) / 12) * (gMax[d]! - gMin[d]!);
      });
      x.write(G);
      const written = x.conductance.slice();
      x.update({ fromDevices: true });
      expectClose(written, x.conductance, { rtol: 1e-9, label: model.name });
      expectClose(written, G, { rtol: 1e-9, label: `${model.name} target` });
    }
  });
});

describe('Crossbar integration option', () => {
  it('is passed to the population and changes pulse programming', () => {
    const euler = new Crossbar({ model: LinearIonDrift, rows: 1, cols: 1 });
    const rk4 = new Crossbar({ model: LinearIonDrift, rows: 1, cols: 1, integration: { method: 'rk4', substeps: 4 } });
    expect(rk4.population.integration.method).toBe('rk4');
    const t = [euler.conductance[0]! * 50];
    expect(
      () => new Crossbar({ model: LinearIonDrift, rows: 1, cols: 1, integration: { method: 'leapfrog' as never } }),
    ).toThrow(/integration\.method/);
    euler.write(t, { transistor: false, programming: { maxIterations: 3, halfSelect: false } });
    rk4.write(t, { transistor: false, programming: { maxIterations: 3, halfSelect: false } });
    expect(rk4.conductance[0]).not.toBe(euler.conductance[0]);
  });
});
