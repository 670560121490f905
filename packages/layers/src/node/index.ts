// @memsim/layers/node: Node-only helpers (file system): save and load a programmed chip to a directory.

export { saveChipToDirectory } from './save-chip-to-directory';
export { loadChipFromDirectory } from './save-chip-to-directory';
export { CHIP_FILES } from './save-chip-to-directory';
