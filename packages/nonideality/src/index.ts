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
