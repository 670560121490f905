// MODULES //

import { type Pool, getPool, runJob } from '../threads/pool';
import type { PortSchurPlan } from './port-schur-plan';
import { assembleTransfer, buildPortSchurTransfer, notPositive, portValues } from './port-schur-transfer';
import { portSchurLayout, portSchurWasm } from './port-schur-wasm';

// TYPES //

/** What the caller keeps in the pool for this op: plan ids the workers hold, and the io buffer they were given. */
interface PortSchurLocal {
  plans: WeakMap<PortSchurPlan, number>;
  nextPlan: number;
  io: SharedArrayBuffer | null;
}

// MAIN //

/** Tiles handed out per round (bounds the shared io buffer: values in, p×p inverse and status out). */
const ROUND = 32;
/** io starts with the shared tile counter (one word, padded to 16 bytes). */
const VALUES_AT = 16;

function localOf(p: Pool): PortSchurLocal {
  let local = p.local.get('port-schur') as PortSchurLocal | undefined;
  if (local === undefined) {
    local = { plans: new WeakMap(), nextPlan: 0, io: null };
    p.local.set('port-schur', local);
  }
  return local;
}

/** The plan's id on the workers, posting the plan (its layout and integer arrays) the first time. */
function planId(p: Pool, local: PortSchurLocal, plan: PortSchurPlan): number | null {
  let id = local.plans.get(plan);
  if (id !== undefined) return id;
  id = local.nextPlan;
  const message = {
    op: 'port-schur',
    kind: 'plan',
    id,
    ...portSchurLayout(plan),
    nValues: plan.constValues.length,
    p: plan.ports,
  };
  if (!p.post(message)) return null;
  local.nextPlan++;
  local.plans.set(plan, id);
  return id;
}

/**
 * Transfer matrices of many tiles of one plan, the numeric factorisations spread over the caller and `threads − 1`
 * workers of the pool (tiles taken from a shared counter). Every tile runs the same kernel on the same inputs
 * whichever thread takes it, so the result does not depend on `threads` (bit-identical); without worker threads,
 * shared memory or WebAssembly (or in a browser, whose blocked workers take no plans) it is the one-thread loop.
 *
 * @throws {NumericalError} when a pivot is not positive, or a worker thread fails (the pool restarts next call)
 */
export function buildPortSchurTransfers(
  plan: PortSchurPlan,
  branches: Float64Array[],
  where: string,
  threads: number,
): Float64Array[] {
  const own = threads > 1 && branches.length >= 2 ? portSchurWasm(plan) : null;
  const p = own === null ? null : getPool(threads - 1);
  const local = p === null ? null : localOf(p);
  const id = p === null || local === null ? null : planId(p, local, plan);
  if (own === null || p === null || local === null || id === null)
    return branches.map((branch) => buildPortSchurTransfer(plan, branch, where));
  const nValues = plan.constValues.length;
  const pp = plan.ports * plan.ports;
  const outAt = VALUES_AT + ROUND * nValues * 8;
  const statusAt = outAt + ROUND * pp * 8;
  const bytes = statusAt + ROUND * 4;
  if (local.io === null || local.io.byteLength < bytes) {
    local.io = new SharedArrayBuffer(bytes);
    p.post({ op: 'port-schur', kind: 'io', io: local.io });
  }
  const io = local.io;
  const counter = new Int32Array(io, 0, 1);
  const status = new Int32Array(io, statusAt, ROUND);
  const out: Float64Array[] = [];
  for (let r0 = 0; r0 < branches.length; r0 += ROUND) {
    const count = Math.min(ROUND, branches.length - r0);
    for (let j = 0; j < count; j++)
      new Float64Array(io, VALUES_AT + j * nValues * 8, nValues).set(portValues(plan, branches[r0 + j]!));
    Atomics.store(counter, 0, 0);
    // Every thread takes tiles from the counter (the caller with its own instance of the same kernel).
    runJob(
      p,
      threads,
      'port-schur',
      () => [id, count, VALUES_AT, outAt, statusAt],
      () => {
        for (let j = Atomics.add(counter, 0, 1); j < count; j = Atomics.add(counter, 0, 1)) {
          const failed = own.run(new Float64Array(io, VALUES_AT + j * nValues * 8, nValues));
          status[j] = failed;
          if (failed < 0) new Float64Array(io, outAt + j * pp * 8, pp).set(own.inverse);
        }
      },
    );
    for (let j = 0; j < count; j++) {
      if (status[j]! >= 0) throw notPositive(where, status[j]!);
      out.push(assembleTransfer(plan, branches[r0 + j]!, new Float64Array(io, outAt + j * pp * 8, pp)));
    }
  }
  return out;
}
