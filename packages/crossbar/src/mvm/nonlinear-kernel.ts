import type { Crossbar } from '../array/crossbar';
import type { DeviceLookup } from '../lookup/lookup-spec';

/**
 * Cell currents of one crossbar for one input row, reduced to partial sums per tile row:
 * `partial[i·cols + j] = Σ_{k in tile row i} I_kj(v_k)` [A], with I from the device lookup table when the crossbar
 * has one, else from the model's `current` kernel at the present state. `partial` is overwritten.
 */
export class NonlinearReader {
  private readonly volt: Float64Array;
  private readonly current: Float64Array;
  private readonly seg: Int32Array;
  private readonly frac: Float64Array;
  private readonly flip: Float64Array;

  constructor(
    private readonly xbar: Crossbar,
    private readonly tileRows: number,
  ) {
    this.volt = new Float64Array(xbar.size);
    this.current = new Float64Array(xbar.size);
    this.seg = new Int32Array(xbar.rows);
    this.frac = new Float64Array(xbar.rows);
    this.flip = new Float64Array(xbar.rows);
  }

  /** Fills `partial` (gridRows × cols) from voltages `v` (one input row, offset `base`). */
  read(v: Float32Array, base: number, partial: Float64Array): void {
    const { rows, cols } = this.xbar;
    const slots = this.xbar.cellSlots();
    const tr = this.tileRows;
    partial.fill(0);
    const lookup = this.xbar.lookup;
    if (lookup !== null) {
      this.prepareLookup(lookup, v, base);
      const cur = lookup.currents;
      const samples = lookup.voltages.length;
      for (let r = 0; r < rows; r++) {
        const s = this.seg[r]!;
        const f = this.frac[r]!;
        const sg = this.flip[r]!;
        const line = Math.floor(r / tr) * cols;
        for (let c = 0; c < cols; c++) {
          const cell = r * cols + c;
          const d = slots === null ? cell : slots[cell]!;
          const o = d * samples + s;
          const i0 = cur[o]!;
          partial[line + c] = partial[line + c]! + sg * (i0 + f * (cur[o + 1]! - i0));
        }
      }
      return;
    }
    const volt = this.volt;
    volt.fill(0);
    for (let r = 0; r < rows; r++) {
      const x = v[base + r]!;
      for (let c = 0; c < cols; c++) {
        const cell = r * cols + c;
        volt[slots === null ? cell : slots[cell]!] = x;
      }
    }
    const pop = this.xbar.population;
    pop.model.current(pop, volt, this.current);
    const cur = this.current;
    for (let r = 0; r < rows; r++) {
      const line = Math.floor(r / tr) * cols;
      for (let c = 0; c < cols; c++) {
        const cell = r * cols + c;
        partial[line + c] = partial[line + c]! + cur[slots === null ? cell : slots[cell]!]!;
      }
    }
  }

  /** Per word line: table segment, fraction within it and sign (odd extension), linear extrapolation at the ends. */
  private prepareLookup(lookup: DeviceLookup, v: Float32Array, base: number): void {
    const vs = lookup.voltages;
    const n = vs.length;
    const odd = vs[0]! >= 0;
    for (let r = 0; r < this.xbar.rows; r++) {
      let x = v[base + r]!;
      let sign = 1;
      if (odd && x < 0) {
        x = -x;
        sign = -1;
      }
      let lo = 0;
      let hi = n - 1;
      if (x <= vs[0]!) hi = 1;
      else if (x >= vs[n - 1]!) lo = n - 2;
      else
        while (hi - lo > 1) {
          const mid = (lo + hi) >> 1;
          if (vs[mid]! <= x) lo = mid;
          else hi = mid;
        }
      if (x <= vs[0]!) lo = 0;
      this.seg[r] = lo;
      this.frac[r] = (x - vs[lo]!) / (vs[lo + 1]! - vs[lo]!);
      this.flip[r] = sign;
    }
  }
}
