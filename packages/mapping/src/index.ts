// @memsim/mapping: weight → conductance maps, input → voltage encoding and output calibration.

export { SCHEMES } from './map/scheme';
export type { Scheme } from './map/scheme';
export type { MappingOptions } from './map/mapping-types';
export type { MappingResult } from './map/mapping-types';
export type { MappingRoutine } from './map/mapping-types';
export { naiveMap } from './map/naive-map';
export type { NaiveMapOptions } from './map/naive-map';
export { naiveMapping } from './map/naive-mapping';
export { perColumnMapping } from './map/per-column-mapping';
export { levelsMapping } from './map/levels-mapping';
export { mapWeights } from './map/map-weights';
export { DEFAULT_MAPPING_ROUTINE } from './map/map-weights';
export type { MapWeightsOptions } from './map/map-weights';
