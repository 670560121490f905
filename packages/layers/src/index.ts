// @memsim/layers: TensorFlow.js integration: memristive layers and patchModel.
