// Type tests (checked by `tsc --noEmit`, not run): the array type goes through, configs match docs/contracts.md.
import { expectTypeOf } from 'vitest';
import {
  type AdcConfig,
  type DacConfig,
  type QuantMethod,
  type QuantizeOptions,
  QUANT_METHODS,
  quantize,
  quantizeInput,
  quantizeLevels,
} from '../../src/index';

expectTypeOf(quantize(new Float32Array(2), { bits: 8 })).toEqualTypeOf<Float32Array<ArrayBuffer>>();
expectTypeOf(quantize(new Float64Array(2), { bits: 8, method: 'tanh', min: -1, max: 1 })).toEqualTypeOf<
  Float64Array<ArrayBuffer>
>();
expectTypeOf(quantizeLevels(new Float32Array(2), 4, 0, new Float64Array(2))).toEqualTypeOf<Float32Array<ArrayBuffer>>();
expectTypeOf(quantizeInput(new Float64Array(2), { bits: 8, range: 0.3 })).toEqualTypeOf<Float64Array<ArrayBuffer>>();
expectTypeOf(QUANT_METHODS).toEqualTypeOf<readonly QuantMethod[]>();
expectTypeOf<QuantMethod>().toEqualTypeOf<'linear' | 'log' | 'log_minmax' | 'minmax' | 'tanh'>();
expectTypeOf<AdcConfig>().toEqualTypeOf<{ bits: number; overflowRate?: number; method?: QuantMethod }>();
expectTypeOf<DacConfig>().toEqualTypeOf<{ bits: number; range: number }>();
expectTypeOf<QuantizeOptions>().toMatchTypeOf<AdcConfig & { min?: number; max?: number }>();
// an AdcConfig is directly usable as quantize options (what crossbar passes per tile)
const adc: AdcConfig = { bits: 6, overflowRate: 0.01, method: 'linear' };
expectTypeOf(quantize(new Float32Array(4), adc)).toEqualTypeOf<Float32Array<ArrayBuffer>>();
// @ts-expect-error: number[] is not a quantiser input
quantize([1, 2], { bits: 4 });
// @ts-expect-error: an unknown method name is a type error too
quantize(new Float64Array(1), { bits: 4, method: 'min-max' });
