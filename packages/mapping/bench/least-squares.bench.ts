// fitLinear (closed-form sums, one pass) against ml-matrix's QR least squares of [x 1]·[a b]ᵀ = y on the same
// 1 M points: decides whether the design card's ml-matrix should run the calibration fits (issue 18). The result of
// each is checked against the known line inside the timed region.
import { createRng } from '@memsim/core';
import { reportFigure, timeMedian } from '@memsim/core/testing';
import { Matrix, QrDecomposition } from 'ml-matrix';
import { fitLinear } from '../src/index';

const n = 1_000_000;
const x = new Float64Array(n);
const y = new Float64Array(n);
createRng(3).fillUniform(x, -1, 1);
for (let i = 0; i < n; i++) y[i] = 1.7 * x[i]! - 0.2;

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`least-squares bench: ${what}`);
}

const tOwn = timeMedian(
  () => {
    const f = fitLinear(x, y);
    check(Math.abs(f.slope - 1.7) < 1e-9, 'fitLinear');
    return f;
  },
  { minTimeMs: 1500, minIterations: 5 },
);
reportFigure({ name: 'mapping::fitLinear-1M', value: n / tOwn / 1e6, unit: 'M points/s' });

const tQr = timeMedian(
  () => {
    const a = new Matrix(n, 2);
    for (let i = 0; i < n; i++) {
      a.set(i, 0, x[i]!);
      a.set(i, 1, 1);
    }
    const b = Matrix.columnVector(Array.from(y));
    const s = new QrDecomposition(a).solve(b);
    check(Math.abs(s.get(0, 0) - 1.7) < 1e-9, 'ml-matrix QR');
    return s;
  },
  { minTimeMs: 1500, minIterations: 3 },
);
reportFigure({ name: 'mapping::ml-matrix-qr-lstsq-1M', value: n / tQr / 1e6, unit: 'M points/s' });
reportFigure({ name: 'mapping::fitLinear-speedup-vs-ml-matrix', value: tQr / tOwn, unit: '×' });
