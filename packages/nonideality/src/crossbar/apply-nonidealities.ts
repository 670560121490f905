import { InvalidParameterError, checkOneOf, resolveRng } from '@memsim/core';
import { checkCrossbar } from './crossbar-like';
import type { CrossbarLike } from './crossbar-like';
import { cycleVariability, resolveCycleVariabilityOptions } from './cycle-variability';
import type { CycleVariabilityOptions, CycleVariabilityReport } from './cycle-variability';
import { deviceFaults, resolveDeviceFaultsOptions } from './device-faults';
import type { DeviceFaultsOptions, DeviceFaultsReport } from './device-faults';
import { endurance, resolveEnduranceOptions } from './endurance';
import type { EnduranceOptions } from './endurance';
import { finiteConductanceStates, resolveFiniteConductanceStatesOptions } from './finite-conductance-states';
import type { FiniteConductanceStatesOptions, FiniteConductanceStatesReport } from './finite-conductance-states';
import { nonLinear, resolveNonLinearOptions } from './non-linear';
import type { NonLinearOptions, NonLinearReport } from './non-linear';
import { resolveRetentionOptions, retention } from './retention';
import { applyProgrammingNoise, resolveProgrammingNoiseOptions } from '../programming-noise/programming-noise';
import type { ProgrammingNoiseOptions, ProgrammingNoiseReport } from '../programming-noise/programming-noise';
import { applyPcmDrift, resolvePcmDriftOptions } from '../drift/pcm-drift';
import type { PcmDriftOptions, PcmDriftReport } from '../drift/pcm-drift';
import type { DegradationReport, RetentionOptions } from './retention';

/**
 * One non-ideality and its options (MemTorch `NonIdeality` member plus its keyword arguments).
 *
 * @example
 * import { Crossbar } from '@memsim/crossbar';
 * import { VTEAM } from '@memsim/devices';
 * const specs: NonidealitySpec[] = [{ kind: 'deviceFaults', lrsProportion: 0.01, seed: 1 }, { kind: 'finiteConductanceStates', states: 16 }];
 * applyNonidealities(new Crossbar({ model: VTEAM, rows: 8, cols: 8 }), specs).steps.length; // → 2
 */
export type NonidealitySpec =
  | ({ kind: 'finiteConductanceStates' } & FiniteConductanceStatesOptions)
  | ({ kind: 'deviceFaults' } & DeviceFaultsOptions)
  | ({ kind: 'cycleVariability' } & CycleVariabilityOptions)
  | ({ kind: 'nonLinear' } & NonLinearOptions)
  | ({ kind: 'endurance' } & EnduranceOptions)
  | ({ kind: 'retention' } & RetentionOptions)
  | ({ kind: 'programmingNoise' } & ProgrammingNoiseOptions)
  | ({ kind: 'pcmDrift' } & PcmDriftOptions);

/**
 * The `kind` of a {@link NonidealitySpec}.
 *
 * @example
 * const kind: NonidealityKind = 'programmingNoise';
 * NONIDEALITY_KINDS.includes(kind); // → true
 */
export type NonidealityKind = NonidealitySpec['kind'];

/**
 * Runtime list of {@link NonidealityKind} values.
 *
 * @example
 * NONIDEALITY_KINDS.includes('pcmDrift'); // → true
 */
export const NONIDEALITY_KINDS: readonly NonidealityKind[] = Object.freeze([
  'finiteConductanceStates',
  'deviceFaults',
  'cycleVariability',
  'nonLinear',
  'endurance',
  'retention',
  'programmingNoise',
  'pcmDrift',
]);

/**
 * The report of one non-ideality on one crossbar.
 *
 * @example
 * import { Crossbar } from '@memsim/crossbar';
 * import { VTEAM } from '@memsim/devices';
 * const { steps } = applyNonidealities(new Crossbar({ model: VTEAM, rows: 4, cols: 4 }), [{ kind: 'retention', time: 1e3 }]);
 * const report: NonidealityReport = steps[0].report;
 * if (report.kind === 'retention') report.factor; // narrowed to DegradationReport by `kind`
 */
export type NonidealityReport =
  | FiniteConductanceStatesReport
  | DeviceFaultsReport
  | CycleVariabilityReport
  | NonLinearReport
  | DegradationReport
  | ProgrammingNoiseReport
  | PcmDriftReport;

/**
 * Anything {@link applyNonidealities} can act on.
 *
 * @example
 * import { Crossbar } from '@memsim/crossbar';
 * import { VTEAM } from '@memsim/devices';
 * const target: NonidealityTarget = [new Crossbar({ model: VTEAM, rows: 4, cols: 4 }), new Crossbar({ model: VTEAM, rows: 4, cols: 4 })];
 * applyNonidealities(target, [{ kind: 'retention', time: 1e3 }]).crossbars; // → 2
 */
export type NonidealityTarget =
  | CrossbarLike
  | readonly CrossbarLike[]
  | { crossbars: readonly CrossbarLike[] }
  | { crossbars(): readonly CrossbarLike[] };

/**
 * What {@link applyNonidealities} did: one step per (non-ideality, crossbar), in the order applied.
 *
 * @example
 * import { Crossbar } from '@memsim/crossbar';
 * import { VTEAM } from '@memsim/devices';
 * const xbars = [new Crossbar({ model: VTEAM, rows: 4, cols: 4 }), new Crossbar({ model: VTEAM, rows: 4, cols: 4 })];
 * const report: ApplyNonidealitiesReport = applyNonidealities(xbars, [{ kind: 'deviceFaults', hrsProportion: 0.1, seed: 1 }, { kind: 'retention', time: 1e3 }]);
 * report.steps.map((s) => `${s.spec}:${s.crossbar}`); // → ['0:0', '0:1', '1:0', '1:1'] (non-ideality, crossbar)
 */
export interface ApplyNonidealitiesReport {
  /** Number of crossbars in the target. */
  crossbars: number;
  steps: { spec: number; crossbar: number; report: NonidealityReport }[];
}

/** The crossbars of a target. */
function crossbarsOf(where: string, target: unknown): CrossbarLike[] {
  let list: unknown = target;
  if (typeof target === 'object' && target !== null && !Array.isArray(target) && 'crossbars' in target) {
    const c = (target as { crossbars: unknown }).crossbars;
    list = typeof c === 'function' ? (c as () => unknown).call(target) : c;
  } else if (!Array.isArray(target)) list = [target];
  if (!Array.isArray(list))
    throw new InvalidParameterError({
      where,
      parameter: 'target',
      value: target,
      expected: 'a Crossbar, an array of crossbars, or an object with `crossbars`',
    });
  return list.map((x, i) => checkCrossbar(where, `target crossbar ${i}`, x));
}

/**
 * Applies non-idealities in the order given to every crossbar of `target` (a crossbar, an array of crossbars, or an
 * object exposing `crossbars` as an array or a method, e.g. a mapped layer or a whole model). A `seed` given in a
 * stochastic spec seeds one generator shared by all crossbars, so each crossbar draws differently and the whole run
 * is reproducible. Every `kind` and every spec's options are checked before anything is applied (the checks that need a
 * crossbar, such as the table size of `nonLinear`, when it is reached). Mutates the crossbars.
 *
 * @param target - crossbars to change (mutated).
 * @param list - the non-idealities, e.g. `[{ kind: 'deviceFaults', lrsProportion: 0.1, seed: 1 }]`.
 * @throws {InvalidParameterError} when the target holds something that is not a crossbar, `list` is not an array,
 * a `kind` is unknown, or a spec's options are invalid (see each function).
 * @example
 * import { createRng } from '@memsim/core';
 * import { initCrossbars, mvm } from '@memsim/crossbar';
 * import { VTEAM } from '@memsim/devices';
 * const rng = createRng(1);
 * const mapped = initCrossbars({ rows: 64, cols: 8, data: new Float64Array(512).fill(0.25) }, { model: VTEAM });
 * const batch = 2;
 * const x = new Float32Array(batch * 64).fill(0.5); // two inputs of 64 values
 * applyNonidealities(mapped, [{ kind: 'finiteConductanceStates', states: 8 }, { kind: 'retention', time: 1e3 }]);
 */
export function applyNonidealities(
  target: NonidealityTarget,
  list: readonly NonidealitySpec[],
): ApplyNonidealitiesReport {
  const where = 'applyNonidealities';
  const crossbars = crossbarsOf(where, target);
  if (!Array.isArray(list))
    throw new InvalidParameterError({
      where,
      parameter: 'list',
      value: list,
      expected: 'an array of { kind, ...options }',
    });
  list.forEach((spec, i) => {
    if (typeof spec !== 'object' || spec === null)
      throw new InvalidParameterError({
        where,
        parameter: `list[${i}]`,
        value: spec,
        expected: 'an object { kind, ...options }',
      });
    checkOneOf(where, `list[${i}].kind`, spec.kind, NONIDEALITY_KINDS);
    const { kind, ...rest } = spec;
    checkOptions(kind, `${where}(list[${i}])`, rest);
  });
  const steps: ApplyNonidealitiesReport['steps'] = [];
  list.forEach((spec, i) => {
    const { kind, ...rest } = spec;
    let options: Record<string, unknown> = rest;
    if (
      (kind === 'deviceFaults' || kind === 'cycleVariability' || kind === 'programmingNoise' || kind === 'pcmDrift') &&
      'seed' in rest &&
      rest.seed !== undefined &&
      (rest as { rng?: unknown }).rng === undefined
    ) {
      const { seed, ...others } = rest as { seed?: number };
      options = { ...others, rng: resolveRng(`${where}(list[${i}])`, { seed: seed as number }) };
    }
    crossbars.forEach((xbar, k) => {
      steps.push({ spec: i, crossbar: k, report: applyOne(kind, xbar, options) });
    });
  });
  return { crossbars: crossbars.length, steps };
}

/** Validates the crossbar-independent options of one spec, so a bad spec fails before anything is applied. */
function checkOptions(kind: NonidealityKind, where: string, options: Record<string, unknown>): void {
  switch (kind) {
    case 'finiteConductanceStates':
      resolveFiniteConductanceStatesOptions(where, options as unknown as FiniteConductanceStatesOptions);
      return;
    case 'deviceFaults':
      resolveDeviceFaultsOptions(where, options as DeviceFaultsOptions);
      return;
    case 'cycleVariability':
      resolveCycleVariabilityOptions(where, options as unknown as CycleVariabilityOptions);
      return;
    case 'nonLinear':
      resolveNonLinearOptions(where, options as NonLinearOptions);
      return;
    case 'endurance':
      resolveEnduranceOptions(where, options as unknown as EnduranceOptions);
      return;
    case 'retention':
      resolveRetentionOptions(where, options as unknown as RetentionOptions);
      return;
    case 'programmingNoise':
      resolveProgrammingNoiseOptions(where, { seed: 0, ...options } as unknown as ProgrammingNoiseOptions);
      return;
    case 'pcmDrift':
      resolvePcmDriftOptions(where, options as unknown as PcmDriftOptions);
      return;
  }
}

function applyOne(kind: NonidealityKind, xbar: CrossbarLike, options: Record<string, unknown>): NonidealityReport {
  switch (kind) {
    case 'finiteConductanceStates':
      return finiteConductanceStates(xbar, options as unknown as FiniteConductanceStatesOptions);
    case 'deviceFaults':
      return deviceFaults(xbar, options as DeviceFaultsOptions);
    case 'cycleVariability':
      return cycleVariability(xbar, options as unknown as CycleVariabilityOptions);
    case 'nonLinear':
      return nonLinear(xbar, options as NonLinearOptions);
    case 'endurance':
      return endurance(xbar, options as unknown as EnduranceOptions);
    case 'retention':
      return retention(xbar, options as unknown as RetentionOptions);
    case 'programmingNoise':
      return applyProgrammingNoise(
        xbar,
        resolveProgrammingNoiseOptions('applyNonidealities', options as unknown as ProgrammingNoiseOptions),
      );
    case 'pcmDrift':
      return applyPcmDrift(
        'applyNonidealities',
        xbar,
        resolvePcmDriftOptions('applyNonidealities', options as unknown as PcmDriftOptions),
      );
  }
}
