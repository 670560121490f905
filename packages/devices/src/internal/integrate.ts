import type { IntegrationConfig } from '../population/device-population';

/** Right-hand side dx/dt [state unit / s] of one device at state `x` and voltage `v`. */
export type Rate = (device: number, x: number, v: number) => number;

const MAX_HALVINGS = 30;

/**
 * Advances one device's state over `dt` at constant `v` with a non-Euler scheme (or Euler with sub-steps),
 * clamping into `[lo, hi]` after every accepted step. Returns the new state (NaN if the rate blew up).
 */
export function integrateSample(
  rate: Rate,
  device: number,
  x: number,
  v: number,
  dt: number,
  lo: number,
  hi: number,
  integration: Readonly<IntegrationConfig>,
): number {
  if (integration.method === 'adaptive')
    return adaptive(rate, device, x, v, dt, lo, hi, integration.tolerance * (hi - lo));
  const n = integration.substeps;
  const h = dt / n;
  if (integration.method === 'euler') {
    for (let s = 0; s < n; s++) x = clamp(x + h * rate(device, x, v), lo, hi);
    return x;
  }
  for (let s = 0; s < n; s++) x = clamp(rk4(rate, device, x, v, h, lo, hi), lo, hi);
  return x;
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

function rk4(rate: Rate, device: number, x: number, v: number, h: number, lo: number, hi: number): number {
  const k1 = rate(device, x, v);
  const k2 = rate(device, clamp(x + 0.5 * h * k1, lo, hi), v);
  const k3 = rate(device, clamp(x + 0.5 * h * k2, lo, hi), v);
  const k4 = rate(device, clamp(x + h * k3, lo, hi), v);
  return x + (h / 6) * (k1 + 2 * k2 + 2 * k3 + k4);
}

/** Step-doubling RK4 with Richardson extrapolation; the local error estimate is |two halves − one step| / 15. */
function adaptive(
  rate: Rate,
  device: number,
  x: number,
  v: number,
  dt: number,
  lo: number,
  hi: number,
  tol: number,
): number {
  let t = 0;
  let h = dt;
  const hMin = dt / 2 ** MAX_HALVINGS;
  while (dt - t > dt * 1e-12) {
    if (h > dt - t) h = dt - t;
    const full = clamp(rk4(rate, device, x, v, h, lo, hi), lo, hi);
    const mid = clamp(rk4(rate, device, x, v, h / 2, lo, hi), lo, hi);
    const halves = clamp(rk4(rate, device, mid, v, h / 2, lo, hi), lo, hi);
    const err = Math.abs(halves - full) / 15;
    if (Number.isNaN(err)) return Number.NaN;
    if (err <= tol || h <= hMin) {
      x = clamp(halves + (halves - full) / 15, lo, hi);
      t += h;
      if (err < tol / 32) h *= 2;
    } else h /= 2;
  }
  return x;
}
