// @memsim/layers: TensorFlow.js integration: memristive layers and patchModel.

export { initBackend } from './backend/init-backend';
export { BACKEND_NAMES } from './backend/init-backend';
export { DEFAULT_INIT_BACKEND_OPTIONS } from './backend/init-backend';
export type { BackendName } from './backend/init-backend';
export type { InitBackendOptions } from './backend/init-backend';

export { convGeometry } from './unfold/conv-geometry';
export { CONV_PADDINGS } from './unfold/conv-geometry';
export type { ConvGeometry } from './unfold/conv-geometry';
export type { ConvGeometryOptions } from './unfold/conv-geometry';
export type { ConvPadding } from './unfold/conv-geometry';
export { unfold } from './unfold/unfold';
export type { UnfoldOptions } from './unfold/unfold';
export { flattenConvKernel } from './unfold/flatten-conv-kernel';
export type { FlattenConvKernelOptions } from './unfold/flatten-conv-kernel';

export type { CrossbarEngine } from './layers/crossbar-engine';
export { MemristiveLayer } from './layers/memristive-layer';
export type { RecordedInputs } from './layers/memristive-layer';
export type { BaseLayerArgs } from './layers/layer-args';
export { MemristiveDense } from './layers/memristive-dense';
export type { MemristiveDenseArgs } from './layers/memristive-dense';
export { MemristiveConvBase } from './layers/memristive-conv-base';
export type { MemristiveConvArgs } from './layers/memristive-conv-base';
export { MemristiveConvNd } from './layers/memristive-conv-nd';
export type { MemristiveConvNdArgs } from './layers/memristive-conv-nd';
export { MemristiveConv1D } from './layers/memristive-conv1d';
export { MemristiveConv2D } from './layers/memristive-conv2d';
export { MemristiveConv3D } from './layers/memristive-conv3d';
export { MemristiveDepthwiseConv2D } from './layers/memristive-depthwise-conv2d';
export type { MemristiveDepthwiseConv2DArgs } from './layers/memristive-depthwise-conv2d';
export { MemristiveSimpleRNN } from './layers/memristive-simple-rnn';
export type { MemristiveSimpleRNNArgs } from './layers/memristive-simple-rnn';
export { MemristiveGatedRNN } from './layers/memristive-gated-rnn';
export type { MemristiveGatedRNNArgs } from './layers/memristive-gated-rnn';
export { MemristiveLSTM } from './layers/memristive-lstm';
export type { MemristiveLSTMArgs } from './layers/memristive-lstm';
export { MemristiveGRU } from './layers/memristive-gru';
export type { MemristiveGRUArgs } from './layers/memristive-gru';

export { patchModel } from './patch/patch-model';
export { DEFAULT_PATCH_OPTIONS } from './patch/patch-options';
export { PATCH_OPTION_KEYS } from './patch/patch-options';
export type { PatchOptions } from './patch/patch-options';
export type { EngineFactory } from './patch/patch-options';
export type { EngineRequest } from './patch/patch-options';
export { SUPPORTED_LAYER_CLASSES } from './patch/supported-layers';
export { LAYER_CLASS_ALIASES } from './patch/supported-layers';
export type { SupportedLayerClass } from './patch/supported-layers';
export { createCrossbarEngine } from './patch/create-crossbar-engine';
export type { CrossbarEngineOptions } from './patch/create-crossbar-engine';
export { MemristiveModel } from './model/memristive-model';
export { DEFAULT_TUNE_OPTIONS } from './model/memristive-model';
export type { TuneOptions } from './model/memristive-model';
export type { TuneResult } from './model/memristive-model';
export type { ChipSettings } from './model/memristive-model';
export type { LayerCrossbars } from './model/layer-program';
export type { LayerSummary } from './model/layer-program';

export { saveChip } from './chip/save-chip';
export { loadChip } from './chip/load-chip';
export type { ChipArtifact } from './chip/chip-artifact';
export type { ChipLayerJSON } from './chip/chip-artifact';
export type { CrossbarSetJSON } from './chip/chip-artifact';
export type { CrossbarJSON } from './chip/chip-artifact';
export type { CalibrationJSON } from './chip/chip-artifact';
