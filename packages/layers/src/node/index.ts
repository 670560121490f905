// @memsim/layers/node: Node-only helpers (file system): save and load a programmed chip to a directory.
