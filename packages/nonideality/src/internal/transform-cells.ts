import type { CrossbarLike } from '../crossbar/crossbar-like';
import { commitDevices, deviceConductance, fitIntoRange, slotOf } from './cells';
import type { OutOfRange, RangeCounts } from './cells';

/** Counts of {@link transformCells}. */
export interface TransformCounts extends RangeCounts {
  /** Stuck cells left as they are. */
  stuckSkipped: number;
}

/**
 * Applies `kernel` to the conductances of the non-stuck cells (gathered into one contiguous array, changed in
 * place by the kernel), makes the results representable (`outOfRange`), and writes them through the devices.
 * The kernel's second argument gives the cell of each entry (null: entry i is cell i).
 */
export function transformCells(
  xbar: CrossbarLike,
  outOfRange: OutOfRange,
  kernel: (g: Float64Array, cells: Int32Array | null) => void,
): TransformCounts {
  const n = xbar.rows * xbar.cols;
  const slots = xbar.cellSlots();
  const gDev = deviceConductance(xbar);
  const touched = new Uint8Array(xbar.population.size);
  const stuck = xbar.stuck;
  if (slots === null && stuck === null) {
    // Untiled, nothing stuck: cell i is device i.
    kernel(gDev.subarray(0, n), null);
    touched.fill(1, 0, n);
    const counts = fitIntoRange(xbar, gDev, touched, outOfRange);
    commitDevices(xbar, gDev, touched);
    return { ...counts, stuckSkipped: 0 };
  }
  const cells = new Int32Array(n);
  let m = 0;
  let stuckSkipped = 0;
  for (let cell = 0; cell < n; cell++) {
    if (stuck !== null && stuck[cell] === 1) stuckSkipped++;
    else cells[m++] = cell;
  }
  const g = new Float64Array(m);
  for (let i = 0; i < m; i++) g[i] = gDev[slotOf(slots, cells[i]!)]!;
  kernel(g, cells.subarray(0, m));
  for (let i = 0; i < m; i++) {
    const d = slotOf(slots, cells[i]!);
    gDev[d] = g[i]!;
    touched[d] = 1;
  }
  const counts = fitIntoRange(xbar, gDev, touched, outOfRange);
  commitDevices(xbar, gDev, touched);
  return { ...counts, stuckSkipped };
}
