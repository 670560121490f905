// programming.json `naive_program` is a bug record (golden README): MemTorch's LinearIonDrift state convention and its
// "positive pulse raises G" assumption make most cases hit the 1000-iteration limit. memsim's program() reaches the
// same targets on the same crossbars, and the recorded MemTorch results are shown to miss them.
import { LinearIonDrift, VTEAM } from '@memsim/devices';
import { describe, expect, it } from 'vitest';
import { Crossbar, program } from '../../src/index';
import { flat, golden } from '../helpers';

const G = golden('programming.json');
const models = { LinearIonDrift, VTEAM } as const;

describe('naive_program records', () => {
  it.each(
    G.naive_program.map((c: any, i: number) => [c.model, c.target_g, c.rel_tol, c.simulate_neighbours, i]) as [
      string,
      number,
      number,
      boolean,
      number,
    ][],
  )('%s target %s rel_tol %s neighbours %s: memsim converges', (model, target, relTol, neighbours, index) => {
    const c = G.naive_program[index];
    const [rows, cols] = c.crossbar_shape as [number, number];
    const x = new Crossbar({
      model: models[model as keyof typeof models],
      rows,
      cols,
      params: c.model_params.time_series_resolution
        ? { timeSeriesResolution: c.model_params.time_series_resolution }
        : {},
    });
    const t = x.conductance.slice();
    t[0] = target;
    const report = program(x, t, {
      relTol,
      pulseDuration: c.other_args.pulse_duration,
      halfSelect: neighbours,
      ...(model === 'VTEAM' && neighbours ? { setVoltage: 0.3, resetVoltage: 0.03 } : {}),
    });
    expect(report.converged).toBe(true);
    expect(Math.abs(x.conductance[0]! - target) / target).toBeLessThanOrEqual(relTol);
  });

  it('the test_crossbar flow (2×2 LinearIonDrift, transistor false) reaches every target', () => {
    const c = G.write_conductance_matrix[0];
    const target = flat(c.result.value.target_pos_conductance); // (out, in) = (2, 2): MemTorch writes its transpose
    const G2 = Float64Array.from([target[0]!, target[2]!, target[1]!, target[3]!]);
    const x = new Crossbar({ model: LinearIonDrift, rows: 2, cols: 2, params: { timeSeriesResolution: 1e-3 } });
    const report = x.write(G2, { transistor: false, programming: { relTol: 0.01, pulseDuration: 1e-3 } });
    expect(report.programming!.converged).toBe(true);
    const memtorch = flat(c.result.value.conductance_matrix_after);
    expect(memtorch.some((g, i) => Math.abs(g - G2[i]!) > 0.01 * G2[i]!)).toBe(true);
  });
});
