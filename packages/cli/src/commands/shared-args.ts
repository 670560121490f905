import * as crossbar from '@memsim/crossbar';
import { option, rule } from '@memsim/core';
import { numberArg } from '../internal/arg-rules';

/**
 * Rules of the flags several commands share, each written once (the commands' schemas spread them). `--seed` is any
 * non-negative integer, as the libraries' `seed`; the thread budget is the GEMM's 1 to 64 threads.
 */
export const SHARED_ARGS = Object.freeze({
  seed: option.withDefault(numberArg(rule.nonNegativeInteger), 1),
  threads: option.withDefault(numberArg(rule.integerRange(1, 64)), crossbar.defaultThreads()),
  workers: option.withDefault(numberArg(rule.integerRange(1, 64)), 2),
});
