// @memsim/core: what every memsim package shares (errors, input checks, shared types, the seedable RNG).

export { MemsimError } from './errors/memsim-error';
export { InvalidParameterError } from './errors/invalid-parameter-error';
export type { InvalidParameterErrorOptions } from './errors/invalid-parameter-error';
export { ShapeMismatchError } from './errors/shape-mismatch-error';
export type { ShapeMismatchErrorOptions } from './errors/shape-mismatch-error';
export { NumericalError } from './errors/numerical-error';
export type { NumericalErrorOptions } from './errors/numerical-error';
export { formatValue } from './errors/format-value';

export { check } from './check/check';
export { checkFiniteNumber } from './check/check';
export { checkPositiveNumber } from './check/check';
export { checkNonNegativeNumber } from './check/check';
export { checkPositiveInteger } from './check/check';
export { checkNonNegativeInteger } from './check/check';
export { checkProportion } from './check/check';
export { checkInRange } from './check/check';
export { checkBoolean } from './check/check';
export { checkOneOf } from './check/check';
export { checkResistancePair } from './check/check';
export { checkFiniteArray, checkMatrix, isNumericArray } from './check/check-array';
export { checkKnownKeys } from './check/check-known-keys';
export { requireOptions } from './check/require-options';
export { checkTileShape } from './check/check-tile-shape';
export { option, resolveOptions, rule } from './check/resolve-options';
export type { OptionCheck, OptionRule, OptionsSchema, ResolvedOptions } from './check/resolve-options';

export type { Matrix, NumericArray } from './types/matrix';

export { createRng, isRng, resolveRng } from './rng/rng';
export type { Rng, RngState } from './rng/rng';

export { base64ToBytes, bytesToBase64 } from './encoding/base64';

export { checkMemory } from './limits/memory-limit';
export { DEFAULT_MEMORY_LIMIT } from './limits/memory-limit';
export { getMemoryLimit } from './limits/memory-limit';
export { setMemoryLimit } from './limits/memory-limit';
