// @memsim/layers/node: Node-only helpers (file system): save and load a programmed chip to a directory, and load a
// TensorFlow.js layers model (sharded weights included) from a converter folder.

export { saveChipToDirectory } from './save-chip-to-directory';
export { loadChipFromDirectory } from './save-chip-to-directory';
export { CHIP_FILES } from './save-chip-to-directory';
export { loadModelFromDirectory } from './load-model-from-directory';
