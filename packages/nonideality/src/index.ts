// @memsim/nonideality: Non-idealities of crossbars: finite states, faults, variability, non-linear I-V, endurance, retention,
// programming noise, read noise, PCM drift and its compensation.

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
export { programmingNoise } from './programming-noise/programming-noise';
export { PROGRAMMING_NOISE_MODELS } from './programming-noise/programming-noise';
export type {
  ProgrammingNoiseModel,
  ProgrammingNoiseOptions,
  ProgrammingNoiseReport,
} from './programming-noise/programming-noise';
export { PCM_PROGRAMMING_POLYNOMIAL } from './programming-noise/noise-polynomials';
export { RERAM_WAN2022_POLYNOMIALS } from './programming-noise/noise-polynomials';
export { RERAM_WAN2022_TIMES } from './programming-noise/noise-polynomials';
export { pcmDrift } from './drift/pcm-drift';
export { DEFAULT_PCM_T0 } from './drift/pcm-drift';
export type { PcmDriftOptions, PcmDriftReport } from './drift/pcm-drift';
export { driftState } from './drift/drift-state';
export { restoreDriftState } from './drift/drift-state';
export type { DriftState } from './drift/drift-state';
export { globalDriftCompensation } from './drift/global-drift-compensation';
export type {
  GlobalDriftCompensationOptions,
  GlobalDriftCompensationResult,
} from './drift/global-drift-compensation';
export { pcmReadNoiseStd } from './read-noise/pcm-read-noise';
export { DEFAULT_PCM_T_READ } from './read-noise/pcm-read-noise';
export type { PcmReadNoiseOptions } from './read-noise/pcm-read-noise';
export { readNoiseFor } from './read-noise/read-noise-config';
export { checkReadNoiseConfig } from './read-noise/read-noise-config';
export { READ_NOISE_MODELS } from './read-noise/read-noise-config';
export type { ReadNoiseConfig } from './read-noise/read-noise-config';
