/**
 * Passed as the constructor's second argument by `initCrossbars` when a full write follows at once: the initial
 * HRS write (a full pass over the devices) is skipped. Not part of the public API.
 */
export const DEFER_INIT: unique symbol = Symbol('memsim.crossbar.deferInit');

/** Key of `Crossbar.restoreState`, held by `crossbarFromJSON` only. Not part of the public API. */
export const RESTORE: unique symbol = Symbol('memsim.crossbar.restore');
