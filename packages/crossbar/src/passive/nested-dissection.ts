/**
 * Fill-reducing elimination orders for the crossbar nodal graph, computed from its geometry (no graph search).
 *
 * The graph has one word-line node W(i,j) and one bit-line node B(i,j) per cell; word-line nodes are joined along
 * rows, bit-line nodes along columns, and W(i,j)–B(i,j) through the cell. Removing the word-line nodes of one column
 * c separates the columns left and right of it, and leaves the bit-line chain B(·,c) as its own component; removing
 * the bit-line nodes of one row r likewise separates the rows above and below and frees the word line W(r,·). So
 * recursive bisection with one-node-per-cell separators is a nested-dissection order.
 *
 * `emit(key)` receives node keys in elimination order: W(i,j) = i·n + j, B(i,j) = m·n + i·n + j. Callers skip keys
 * of pinned (known-voltage) nodes.
 */
export function gridNestedDissection(m: number, n: number, emit: (key: number) => void): void {
  const mn = m * n;
  const chainW = (i: number, c0: number, c1: number): void => bisectChain(c0, c1, (j) => emit(i * n + j));
  const chainB = (j: number, r0: number, r1: number): void => bisectChain(r0, r1, (i) => emit(mn + i * n + j));
  const region = (r0: number, r1: number, c0: number, c1: number): void => {
    const h = r1 - r0;
    const w = c1 - c0;
    if (h <= 0 || w <= 0) return;
    if (h * w <= 4) {
      for (let i = r0; i < r1; i++) for (let j = c0; j < c1; j++) emit(i * n + j);
      for (let i = r0; i < r1; i++) for (let j = c0; j < c1; j++) emit(mn + i * n + j);
      return;
    }
    if (w >= h) {
      const c = (c0 + c1) >> 1;
      region(r0, r1, c0, c);
      region(r0, r1, c + 1, c1);
      chainB(c, r0, r1);
      for (let i = r0; i < r1; i++) emit(i * n + c);
    } else {
      const r = (r0 + r1) >> 1;
      region(r0, r, c0, c1);
      region(r + 1, r1, c0, c1);
      chainW(r, c0, c1);
      for (let j = c0; j < c1; j++) emit(mn + r * n + j);
    }
  };
  region(0, m, 0, n);
}

/** Nested dissection of a path [a, b): both halves first, then the middle node. */
export function bisectChain(a: number, b: number, emit: (index: number) => void): void {
  if (b - a <= 2) {
    for (let t = a; t < b; t++) emit(t);
    return;
  }
  const mid = (a + b) >> 1;
  bisectChain(a, mid, emit);
  bisectChain(mid + 1, b, emit);
  emit(mid);
}
