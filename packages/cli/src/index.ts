// @memsim/cli: The memsim command: device sweeps, training, and the MemTorch studies on embedded MNIST with plots and reports.

export { main } from './main';
export { COMMANDS } from './main';
export type { Command, CommandContext } from './commands/command';

export { loadDataset } from './data/dataset';
export { sliceDataset } from './data/dataset';
export { mnistDirectory } from './data/dataset';
export { DATASET_NAMES } from './data/dataset';
export { FASHION_MNIST_DIR } from './data/dataset';
export type { Dataset, DatasetName, LoadDatasetOptions } from './data/dataset';
export { parseIdx, readIdx } from './data/idx';
export type { IdxTensor } from './data/idx';
export { parseCsv, readCsv } from './data/csv';
export type { CsvTable, ParseCsvOptions } from './data/csv';
export { parseNpy, readNpy, npyToFloat32, NPY_DTYPES } from './data/npy';
export type { NpyTensor, NpyDtype } from './data/npy';
export { loadNpyDataset } from './data/npy-dataset';
export type { NpyDatasetOptions } from './data/npy-dataset';
export { parseCifar10Batch, loadCifar10, CIFAR10_CLASSES, CIFAR10_FILES, CIFAR10_RECORD_BYTES } from './data/cifar10';
export type { Cifar10Records } from './data/cifar10';

export { saveModel, loadModel } from './tf/model-io';
export { registerWasmTrainingKernels } from './tf/wasm-kernels';

export { buildModel } from './model/architectures';
export { ARCHITECTURE_NAMES } from './model/architectures';
export type { ArchitectureName, BuildModelOptions } from './model/architectures';
export { trainModel } from './model/train';
export type { TrainModelOptions } from './model/train';
export { evaluate } from './model/evaluate';
export type { EvaluateOptions, Evaluation, PredictFn } from './model/evaluate';
export { shippedModelDirectory } from './model/shipped';
export { loadNetwork } from './model/network';
export type { Network } from './model/network';

export { runDeviceSweep } from './device/device-sweep';
export { resolveDeviceModel } from './device/device-sweep';
export { availableDeviceModels } from './device/device-sweep';
export { DEVICE_MODEL_NAMES } from './device/device-sweep';
export type { DeviceSweepOptions, DeviceSweepResult } from './device/device-sweep';

export { getExperiment } from './experiments/definitions';
export { EXPERIMENT_NAMES } from './experiments/definitions';
export type { ExperimentDefinition, ExperimentName, GridScale, SweepPoint } from './experiments/definitions';
export { NOVEL_DEFAULTS, TUTORIAL_DEFAULTS } from './experiments/hardware';
export type { HardwareSpec } from './experiments/hardware';
export { runExperiment } from './experiments/runner';
export { experimentColumns } from './experiments/runner';
export type {
  ExperimentResult,
  PointSummary,
  RunExperimentOptions,
  TrialExecutor,
  TrialTask,
} from './experiments/runner';
export { createInProcessExecutor, createWorkerExecutor } from './experiments/executor';
export type { WorkerSetup } from './experiments/executor';
export { simulateTrial } from './experiments/simulate';
export { patchOptions, STUDY_READOUT, STUDY_READOUT_TEXT } from './experiments/simulate';
export { readMeasuredSource } from './experiments/measured-source';
export type { MeasuredSource } from './experiments/measured-source';
export type { TrialOptions, TrialResult, TrialTiming } from './experiments/simulate';
export { runSweep } from './experiments/run-sweep';
export { formatSummaryTable } from './experiments/run-sweep';
export type { RunSweepOptions, SweepReport } from './experiments/run-sweep';
export { CsvLog } from './experiments/csv-log';
export type { CsvLogOptions } from './experiments/csv-log';
export type { CsvRow } from './experiments/csv-log';

export { runSeizureStudy } from './seizure/seizure-study';
export type { SeizureStudyOptions, SeizureSummary } from './seizure/seizure-study';
export { readSeizureCsv, f1Score } from './seizure/seizure-data';
export type { SeizureData } from './seizure/seizure-data';

export { renderHtmlReport } from './report/html';
export type { ReportSection } from './report/html';
export { createProgress } from './internal/progress';
export type { Progress, ProgressOptions } from './internal/progress';
export { tourStops, formatTourTable } from './commands/run';
export type { TourRow } from './commands/run';
export { nonidealityHeatmap } from './report/heatmap';
export type { NonidealityHeatmapOptions } from './report/heatmap';
export { WorkerPool } from './experiments/executor';
export { hashDataset, hashModel } from './experiments/content-hash';
export { bindInputsRecord, describeDifferences, inputsRecordPath } from './experiments/inputs-record';
export type { SweepInputs } from './experiments/inputs-record';
export { createQueueExecutor } from './queue/queue-executor';
export type { QueueOptions, QueueSweepContext } from './queue/queue-executor';
export { runQueueWorker } from './queue/queue-worker';
export type { QueueWorkerOptions } from './queue/queue-worker';
export { sweepKey, trialJobId } from './queue/sweep-spec';
export type { SweepSpec, TrialJobData } from './queue/sweep-spec';
export { materializeModel, uploadModel } from './queue/content-store';
export type { ModelRef } from './queue/content-store';
