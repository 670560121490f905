// Cell → slot tables of tiled crossbars, shared between crossbars of the same geometry.
//
// Why: a table is 4 bytes per cell and every G⁺/G⁻ pair (and every layer of a patched model with the same shape)
// needs the same one. Fresh memory is expensive on some machines (first-touch page faults cost ~3 ms per MB on the
// sandboxed development VM), so patching a 16.8 M-device layer spent 0.5 s building identical tables. Tables are
// read-only after construction, so sharing is safe; WeakRef lets an unused one be collected.

const cache = new Map<string, WeakRef<Int32Array>>();

/** The cell → slot table of a `rows × cols` crossbar in `tr × tc` tiles (shared, read-only). */
export function tileSlots(rows: number, cols: number, tr: number, tc: number): Int32Array {
  const key = `${rows}x${cols}/${tr}x${tc}`;
  const hit = cache.get(key)?.deref();
  if (hit !== undefined) return hit;
  const slots = buildTileSlots(rows, cols, tr, tc);
  cache.set(key, new WeakRef(slots));
  return slots;
}

function buildTileSlots(rows: number, cols: number, tr: number, tc: number): Int32Array {
  const gridCols = Math.ceil(cols / tc);
  const slots = new Int32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const ti = Math.floor(r / tr);
    const rr = r - ti * tr;
    const base = ti * gridCols * tr * tc + rr * tc;
    for (let c = 0; c < cols; c++) {
      const tj = Math.floor(c / tc);
      slots[r * cols + c] = base + tj * tr * tc + (c - tj * tc);
    }
  }
  return slots;
}
