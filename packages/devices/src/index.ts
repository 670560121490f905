// @memsim/devices: compact memristor models as vectorised ODE kernels, window functions, stochastic parameters,
// device populations (struct of arrays), voltage signals and I-V sweeps.

export { LinearIonDrift } from './models/linear-ion-drift';
export { DEFAULT_LINEAR_ION_DRIFT_PARAMS } from './models/linear-ion-drift';
export { LINEAR_ION_DRIFT_WINDOWS } from './models/linear-ion-drift';
export type { LinearIonDriftParams } from './models/linear-ion-drift';
export type { LinearIonDriftWindow } from './models/linear-ion-drift';
export { VTEAM } from './models/vteam';
export { DEFAULT_VTEAM_PARAMS } from './models/vteam';
export type { VteamParams } from './models/vteam';
export { DataDriven } from './models/data-driven';
export { DEFAULT_DATA_DRIVEN_PARAMS } from './models/data-driven';
export type { DataDrivenParams } from './models/data-driven';
export { DataDriven2021 } from './models/data-driven-2021';
export { DEFAULT_DATA_DRIVEN_2021_PARAMS } from './models/data-driven-2021';
export type { DataDriven2021Params } from './models/data-driven-2021';
export { StanfordPKU } from './models/stanford-pku';
export { DEFAULT_STANFORD_PKU_PARAMS } from './models/stanford-pku';
export type { StanfordPkuParams } from './models/stanford-pku';
export { fromMemTorch } from './models/from-memtorch';
export { DEVICE_MODELS } from './models/model-registry';
export type { DeviceModelName } from './models/model-registry';

export { createPopulation } from './population/create-population';
export type { CreatePopulationOptions } from './population/create-population';
export { conductanceRange } from './population/conductance-range';
export { clonePopulation } from './population/clone-population';
export { setPopulationParameter } from './population/set-population-parameter';
export { populationToJSON } from './population/population-json';
export { populationFromJSON } from './population/population-json';
export type { DevicePopulationJSON } from './population/population-json';
export type { Float64ArrayJSON } from './population/population-json';
export type { MeasuredModelSpecJSON } from './population/population-json';
export { DEFAULT_INTEGRATION } from './population/device-population';
export { INTEGRATION_METHODS } from './population/device-population';
export type { DeviceModel } from './population/device-population';
export type { DevicePopulation } from './population/device-population';
export type { IntegrationConfig } from './population/device-population';
export type { IntegrationMethod } from './population/device-population';
export type { StochasticParams } from './population/device-population';
export type { Polarity } from './population/device-population';
export type { CurrentTiming } from './population/device-population';

export { normal } from './stochastic/normal';
export type { NormalOptions } from './stochastic/normal';
export { uniform } from './stochastic/uniform';
export type { UniformOptions } from './stochastic/uniform';
export { lognormal } from './stochastic/lognormal';
export type { LognormalOptions } from './stochastic/lognormal';
export { meanParameter } from './stochastic/mean-parameter';
export { isStochasticParameter } from './stochastic/stochastic-parameter';
export { DISTRIBUTIONS } from './stochastic/stochastic-parameter';
export { TRUNCATIONS } from './stochastic/stochastic-parameter';
export type { StochasticParameter } from './stochastic/stochastic-parameter';
export type { StochasticParameterConfig } from './stochastic/stochastic-parameter';
export type { Distribution } from './stochastic/stochastic-parameter';
export type { Truncation } from './stochastic/stochastic-parameter';

export { joglekar } from './windows/joglekar';
export { memtorchJoglekar } from './windows/joglekar';
export { biolek } from './windows/biolek';
export { prodromakis } from './windows/prodromakis';
export { memtorchProdromakis } from './windows/prodromakis';

export { createRng } from '@memsim/core';
export type { Rng } from '@memsim/core';

export { Memristor } from './memristor/memristor';
export type { MemristorOptions } from './memristor/memristor';
export type { SimulateOptions } from './memristor/memristor';
export type { SetConductanceOptions } from './memristor/memristor';
export { hysteresisLoop } from './sweeps/hysteresis-loop';
export type { HysteresisLoopOptions } from './sweeps/hysteresis-loop';
export type { SweepResult } from './sweeps/hysteresis-loop';
export { bipolarSwitching } from './sweeps/bipolar-switching';
export type { BipolarSwitchingOptions } from './sweeps/bipolar-switching';
export { sineSignal } from './signals/sine-signal';
export type { SineSignalOptions } from './signals/sine-signal';
export { triangleSignal } from './signals/triangle-signal';
export type { TriangleSignalOptions } from './signals/triangle-signal';
export { pulseTrain } from './signals/pulse-train';
export type { PulseTrainOptions } from './signals/pulse-train';
export { sampleCount } from './signals/sample-count';

export { measuredDevice } from './measured/measured-device';
export { DEFAULT_MEASURED_DEVICE_OPTIONS } from './measured/measured-device';
export type { MeasuredDevice } from './measured/measured-device';
export type { MeasuredDeviceOptions } from './measured/measured-device';
export type { MeasuredParams } from './measured/measured-device';
export type { MeasuredPulseRow } from './measured/measured-device';
export type { MeasuredStepTable } from './measured/measured-device';
export type { MeasuredModelSpec } from './measured/measured-device';
export { measuredIV } from './measured/measured-iv';
export type { MeasuredIV } from './measured/measured-iv';
export type { MeasuredIVOptions } from './measured/measured-iv';
export type { MeasuredIVRow } from './measured/measured-iv';
export type { IVLookup } from './measured/measured-iv';
export type { DeviceLookup } from './population/device-lookup';
