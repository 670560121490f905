// @memsim/core/internal: plumbing shared by memsim's own packages (not public API: no semver promise, no docs).
// Code that two packages need moves down to this floor instead of being copied sideways.

export { scratch32, scratchFloat64 } from './scratch';
export { ZIGGURAT_R, zigguratLayers, zigguratLayersFor } from '../rng/ziggurat';
export type { ZigguratLayerSet, ZigguratLayers } from '../rng/ziggurat';
