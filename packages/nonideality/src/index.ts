// @memsim/nonideality: Non-idealities of crossbars: finite states, faults, variability, non-linear I-V, endurance, retention.

export { snapToStates } from './kernels/snap-to-states';
export { STATE_SPACINGS } from './kernels/snap-to-states';
export type { StateSpacing, SnapToStatesOptions, SnapToStatesResult } from './kernels/snap-to-states';
export { selectFaults } from './kernels/select-faults';
export type { SelectFaultsOptions, FaultSelection } from './kernels/select-faults';
export { driftFactor } from './kernels/conductance-drift';
export { conductanceDrift } from './kernels/conductance-drift';
export { DEFAULT_DRIFT_OPTIONS } from './kernels/conductance-drift';
export type { DriftOptions } from './kernels/conductance-drift';
export { enduranceRetentionResistance } from './kernels/endurance-retention-model';
export { empiricalThreshold } from './kernels/endurance-retention-model';
export { OPERATION_MODES } from './kernels/endurance-retention-model';
export { DEFAULT_EMPIRICAL_MODEL_OPTIONS } from './kernels/endurance-retention-model';
export type {
  OperationMode,
  EmpiricalParameters,
  EmpiricalModelOptions,
  EnduranceRetentionResistanceOptions,
  EnduranceRetentionResult,
} from './kernels/endurance-retention-model';
export { scaleP0 } from './kernels/scale-p0';
export type { ScaleP0Options } from './kernels/scale-p0';

export { finiteConductanceStates } from './crossbar/finite-conductance-states';
export type {
  FiniteConductanceStatesOptions,
  FiniteConductanceStatesReport,
} from './crossbar/finite-conductance-states';
export { deviceFaults } from './crossbar/device-faults';
export type { DeviceFaultsOptions, DeviceFaultsReport } from './crossbar/device-faults';
export { cycleVariability } from './crossbar/cycle-variability';
export type { CycleVariabilityOptions, CycleVariabilityReport } from './crossbar/cycle-variability';
export { nonLinear } from './crossbar/non-linear';
export { NON_LINEAR_MODES } from './crossbar/non-linear';
export type { NonLinearMode, NonLinearOptions, NonLinearReport } from './crossbar/non-linear';
export { endurance } from './crossbar/endurance';
export type { EnduranceOptions } from './crossbar/endurance';
export { retention } from './crossbar/retention';
export type {
  RetentionOptions,
  DriftRetentionOptions,
  EmpiricalRetentionOptions,
  EmpiricalDegradationOptions,
  DegradationCommonOptions,
  DegradationReport,
} from './crossbar/retention';
export { applyNonidealities } from './crossbar/apply-nonidealities';
export { NONIDEALITY_KINDS } from './crossbar/apply-nonidealities';
export type {
  NonidealitySpec,
  NonidealityKind,
  NonidealityReport,
  NonidealityTarget,
  ApplyNonidealitiesReport,
} from './crossbar/apply-nonidealities';
export type { CrossbarLike, DeviceLookup } from './crossbar/crossbar-like';
export { OUT_OF_RANGE } from './internal/cells';
export type { OutOfRange } from './internal/cells';
