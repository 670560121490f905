// Type tests (checked by `tsc --noEmit`): overloads keep the array kind, routines are plug-compatible.
import { expectTypeOf } from 'vitest';
import {
  mapWeights,
  naiveMap,
  naiveMapping,
  perColumnMapping,
  levelsMapping,
  scaleInput,
  unscaleOutput,
} from '../src/index';
import type { BuiltinRoutine, MappingResult, MappingRoutine, OutputCalibration, Scheme } from '../src/index';
import { calibrate, fitLinear, fitLinearPerColumn } from '../src/index';

const w = { rows: 1, cols: 1, data: [1] };
expectTypeOf(naiveMap(w, { rOn: 1, rOff: 2, scheme: 'double-column' })[0]!.data).toEqualTypeOf<Float64Array>();
expectTypeOf(naiveMapping).toExtend<MappingRoutine>();
expectTypeOf(perColumnMapping).toExtend<MappingRoutine>();
expectTypeOf(levelsMapping).toExtend<MappingRoutine>();
expectTypeOf(mapWeights(w, { rOn: 1, rOff: 2, scheme: 'single-column' })).toEqualTypeOf<MappingResult>();
expectTypeOf<BuiltinRoutine>().toEqualTypeOf<'naive' | 'per-column' | 'levels'>();
expectTypeOf<Scheme>().toEqualTypeOf<'single-column' | 'double-column'>();
expectTypeOf(
  scaleInput(new Float32Array(1), { maxInputVoltage: 1, per: 'batch' }).voltages,
).toEqualTypeOf<Float32Array>();
expectTypeOf(
  scaleInput(new Float64Array(1), { maxInputVoltage: 1, per: 'batch' }).voltages,
).toEqualTypeOf<Float64Array>();
expectTypeOf(scaleInput([1], { maxInputVoltage: 1, per: 'sample' }).voltages).toEqualTypeOf<Float64Array>();
expectTypeOf(unscaleOutput(new Float32Array(1), [1])).toEqualTypeOf<Float32Array>();
expectTypeOf(fitLinear([1, 2], [1, 2])).toEqualTypeOf<{ slope: number; intercept: number; r2: number }>();
expectTypeOf(fitLinearPerColumn([1, 2], [1, 2], 2, 1).slope).toEqualTypeOf<Float64Array>();
expectTypeOf(calibrate([1, 2], [1, 2])).toEqualTypeOf<OutputCalibration>();
// @ts-expect-error: scheme names are kebab-case
naiveMap(w, { rOn: 1, rOff: 2, scheme: 'DoubleColumn' });
// @ts-expect-error: `per` is required
scaleInput([1], { maxInputVoltage: 1 });
declare const either: Float32Array | Float64Array;
expectTypeOf(scaleInput(either, { maxInputVoltage: 1, per: 'batch' }).voltages).toEqualTypeOf<
  Float32Array | Float64Array
>();
expectTypeOf(unscaleOutput(either, [1])).toEqualTypeOf<Float32Array | Float64Array>();
