/**
 * Snaps every conductance of `g` in place to the nearest of `levels` evenly spaced values in [gOff, gOn]
 * (ties round up). `g` must already lie in [gOff, gOn].
 */
export function snapToLevels(g: Float64Array, gOn: number, gOff: number, levels: number): void {
  const step = (gOn - gOff) / (levels - 1);
  const last = levels - 1;
  for (let i = 0; i < g.length; i++) {
    let k = Math.round((g[i]! - gOff) / step);
    if (k > last) k = last;
    else if (k < 0) k = 0;
    g[i] = gOff + k * step;
  }
}
