import { Crossbar } from '@memsim/crossbar';
import { VTEAM, conductanceRange } from '@memsim/devices';

/**
 * The set-up of the noise suites: a `rows` × `cols` VTEAM crossbar with every cell written to x·g_max, so the
 * statistics of many devices at one level can be compared with a closed form.
 */
export function levelCrossbar(x: number, rows: number, cols: number): { xbar: Crossbar; gMax: number } {
  const xbar = new Crossbar({ model: VTEAM, rows, cols });
  const gMax = conductanceRange(xbar.population).gMax[0]!;
  xbar.write(new Float64Array(rows * cols).fill(x * gMax));
  return { xbar, gMax };
}
