// Independent references for the passive crossbar tests: a netlist of the circuit, a dense float64 modified nodal
// analysis (MNA) of that netlist, and an ngspice runner for the same netlist. Nothing here uses the package code.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Wiring {
  sourceResistance: number;
  wordLineResistance: number;
  bitLineResistance: number;
  accessResistance: number;
}

/** A two-terminal element: resistor (r > 0), or ideal voltage source (v) from `a` (+) to `b` (−). Node 0 = ground. */
export type Element =
  | { kind: 'R'; name: string; a: string; b: string; r: number }
  | { kind: 'V'; name: string; a: string; b: string; v: number };

/** The crossbar as a netlist. Zero resistances become 0 V sources (the SPICE idiom). Bit-line terminals are sources `VBL<j>`. */
export function crossbarNetlist(
  g: ArrayLike<number>,
  m: number,
  n: number,
  vwl: ArrayLike<number>,
  vbl: ArrayLike<number>,
  w: Wiring,
): Element[] {
  const els: Element[] = [];
  const res = (name: string, a: string, b: string, r: number): void => {
    els.push(r === 0 ? { kind: 'V', name: `V${name}`, a, b, v: 0 } : { kind: 'R', name: `R${name}`, a, b, r });
  };
  for (let i = 0; i < m; i++) {
    els.push({ kind: 'V', name: `VWL${i}`, a: `d${i}`, b: '0', v: vwl[i]! });
    res(`S${i}`, `d${i}`, `w${i}_0`, w.sourceResistance);
    for (let j = 0; j + 1 < n; j++) res(`W${i}_${j}`, `w${i}_${j}`, `w${i}_${j + 1}`, w.wordLineResistance);
  }
  for (let j = 0; j < n; j++) {
    els.push({ kind: 'V', name: `VBL${j}`, a: `t${j}`, b: '0', v: vbl[j]! });
    res(`T${j}`, `b${m - 1}_${j}`, `t${j}`, w.sourceResistance);
    for (let i = 0; i + 1 < m; i++) res(`B${i}_${j}`, `b${i}_${j}`, `b${i + 1}_${j}`, w.bitLineResistance);
  }
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      const gij = g[i * n + j]!;
      if (gij === 0) continue;
      if (w.accessResistance > 0) {
        res(`A${i}_${j}`, `w${i}_${j}`, `x${i}_${j}`, w.accessResistance);
        res(`C${i}_${j}`, `x${i}_${j}`, `b${i}_${j}`, 1 / gij);
      } else res(`C${i}_${j}`, `w${i}_${j}`, `b${i}_${j}`, 1 / gij);
    }
  return els;
}

/** Dense float64 MNA of a netlist; returns node voltages and the current through each voltage source (a → b inside). */
export function solveMna(els: Element[]): { voltage: Map<string, number>; sourceCurrent: Map<string, number> } {
  const nodes = new Map<string, number>();
  const node = (name: string): number => {
    if (name === '0') return -1;
    let k = nodes.get(name);
    if (k === undefined) {
      k = nodes.size;
      nodes.set(name, k);
    }
    return k;
  };
  for (const e of els) {
    node(e.a);
    node(e.b);
  }
  const sources = els.filter((e) => e.kind === 'V');
  const size = nodes.size + sources.length;
  const a = Array.from({ length: size }, () => new Float64Array(size));
  const rhs = new Float64Array(size);
  let s = 0;
  for (const e of els) {
    const p = node(e.a);
    const q = node(e.b);
    if (e.kind === 'R') {
      const c = 1 / e.r;
      if (p >= 0) a[p]![p]! += c;
      if (q >= 0) a[q]![q]! += c;
      if (p >= 0 && q >= 0) {
        a[p]![q]! -= c;
        a[q]![p]! -= c;
      }
    } else {
      const k = nodes.size + s++;
      if (p >= 0) {
        a[p]![k]! += 1;
        a[k]![p]! += 1;
      }
      if (q >= 0) {
        a[q]![k]! -= 1;
        a[k]![q]! -= 1;
      }
      rhs[k] = e.v;
    }
  }
  const x = gaussianElimination(a, rhs);
  const voltage = new Map<string, number>([['0', 0]]);
  for (const [name, k] of nodes) voltage.set(name, x[k]!);
  const sourceCurrent = new Map<string, number>();
  for (let t = 0; t < sources.length; t++) sourceCurrent.set(sources[t]!.name, x[nodes.size + t]!);
  return { voltage, sourceCurrent };
}

/** Gaussian elimination with partial pivoting (dense, float64). */
function gaussianElimination(a: Float64Array[], b: Float64Array): Float64Array {
  const n = b.length;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[p]![c]!)) p = r;
    if (p !== c) {
      [a[p], a[c]] = [a[c]!, a[p]!];
      [b[p], b[c]] = [b[c]!, b[p]!];
    }
    const pivot = a[c]![c]!;
    for (let r = c + 1; r < n; r++) {
      const f = a[r]![c]! / pivot;
      if (f === 0) continue;
      const ar = a[r]!;
      const ac = a[c]!;
      for (let k = c; k < n; k++) ar[k]! -= f * ac[k]!;
      b[r]! -= f * b[c]!;
    }
  }
  const x = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r]!;
    for (let k = r + 1; k < n; k++) s -= a[r]![k]! * x[k]!;
    x[r] = s / a[r]![r]!;
  }
  return x;
}

/** Bit-line currents from an MNA solution: the current flowing out of the bit line into its terminal source. */
export function mnaCurrents(
  g: ArrayLike<number>,
  m: number,
  n: number,
  vwl: ArrayLike<number>,
  vbl: ArrayLike<number>,
  w: Wiring,
): Float64Array {
  const { sourceCurrent } = solveMna(crossbarNetlist(g, m, n, vwl, vbl, w));
  // MNA's source current flows from + (a) to − (b) through the source, i.e. into the terminal from the bit line.
  return Float64Array.from({ length: n }, (_, j) => sourceCurrent.get(`VBL${j}`)!);
}

/** Device voltages from an MNA solution (rows × cols). */
export function mnaDeviceVoltages(
  g: ArrayLike<number>,
  m: number,
  n: number,
  vwl: ArrayLike<number>,
  vbl: ArrayLike<number>,
  w: Wiring,
): Float64Array {
  const { voltage } = solveMna(crossbarNetlist(g, m, n, vwl, vbl, w));
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      const top = w.accessResistance > 0 && g[i * n + j]! > 0 ? `x${i}_${j}` : `w${i}_${j}`;
      out[i * n + j] = voltage.get(top)! - voltage.get(`b${i}_${j}`)!;
    }
  return out;
}

/** True when `ngspice` runs. */
export function hasNgspice(): boolean {
  try {
    execFileSync('ngspice', ['-v'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

/** Runs ngspice (batch mode, operating point) on the netlist and returns the bit-line currents i(VBL<j>). */
export function ngspiceCurrents(els: Element[], n: number): Float64Array {
  const lines = ['* memsim passive crossbar test'];
  for (const e of els)
    lines.push(
      e.kind === 'R'
        ? `${e.name} ${e.a} ${e.b} ${e.r.toPrecision(17)}`
        : `${e.name} ${e.a} ${e.b} DC ${e.v.toPrecision(17)}`,
    );
  lines.push('.options gmin=1e-30 reltol=1e-14 abstol=1e-30 vntol=1e-20');
  lines.push('.control', 'set numdgt=17', 'op');
  for (let j = 0; j < n; j++) lines.push(`print i(vbl${j})`);
  lines.push('.endc', '.end');
  const dir = mkdtempSync(join(tmpdir(), 'memsim-spice-'));
  try {
    const file = join(dir, 'crossbar.cir');
    writeFileSync(file, `${lines.join('\n')}\n`);
    // ngspice exits 1 in batch mode when the netlist has no .print line even though the .control block printed.
    const run = spawnSync('ngspice', ['-b', file], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const out = new Float64Array(n).fill(Number.NaN);
    for (const match of run.stdout.matchAll(/i\(vbl(\d+)\)\s*=\s*([-+0-9.eE]+)/g))
      out[Number(match[1])] = Number(match[2]);
    if (out.some(Number.isNaN)) throw new Error(`ngspice gave no currents:\n${run.stdout}\n${run.stderr}`);
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
