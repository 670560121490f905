// @memsim/layers: TensorFlow.js integration: memristive layers and patchModel.

export { initBackend } from './backend/init-backend';
export { BACKEND_NAMES } from './backend/init-backend';
export { DEFAULT_INIT_BACKEND_OPTIONS } from './backend/init-backend';
export type { BackendName, InitBackendOptions } from './backend/init-backend';

export { convGeometry } from './unfold/conv-geometry';
export { CONV_PADDINGS } from './unfold/conv-geometry';
export type { ConvGeometry, ConvGeometryOptions, ConvPadding } from './unfold/conv-geometry';
export { unfold } from './unfold/unfold';
export type { UnfoldOptions } from './unfold/unfold';
export { flattenConvKernel } from './unfold/flatten-conv-kernel';
export type { FlattenConvKernelOptions } from './unfold/flatten-conv-kernel';
