import { InvalidParameterError } from '@memsim/core';
import { option, rule } from '@memsim/core';
import { numberArg, resolveArgs } from '../internal/arg-rules';
import type { ParsedArgs } from '../internal/args';
import { runSeizureStudy } from '../seizure/seizure-study';
import type { CommandContext } from './command';

/** The numeric flags of the seizure study, resolved once. */
const SEIZURE_ARGS = {
  folds: option.withDefault(numberArg(rule.integerRange(2, Number.MAX_SAFE_INTEGER)), 5),
  epochs: option.withDefault(numberArg(rule.positiveInteger), 20),
  seeds: option.withDefault(numberArg(rule.positiveInteger), 1),
};

/** `memsim experiment seizure --csv PATH`: the seizure-detection case study. */
export async function runSeizureCommand(
  args: ParsedArgs,
  context: CommandContext,
  common: { seed: number; out: string },
): Promise<number> {
  const v = args.values;
  if (typeof v.csv !== 'string')
    throw new InvalidParameterError({
      where: 'memsim experiment seizure',
      parameter: '--csv',
      value: v.csv,
      expected: 'the path of the UCI Epileptic Seizure Recognition CSV (it cannot be downloaded here)',
    });
  const full = v.full === true;
  const result = await runSeizureStudy({
    csv: v.csv,
    ...resolveArgs('experiment', v, SEIZURE_ARGS),
    // The quick grid and the reference's full grid (σ = 0, 25, …, 500 Ω); no flag sets them.
    sigmas: full ? Array.from({ length: 21 }, (_, k) => 25 * k) : [0, 250, 500],
    seed: common.seed,
    out: common.out,
    fresh: v.fresh === true,
    progress: context.progress,
  });
  if (v.json)
    context.stdout.write(`${JSON.stringify({ csv: result.csv, summary: result.summary, files: result.files })}\n`);
  else {
    context.stdout.write(
      'Seizure detection (F1 of the seizure class, mean over folds)\nvariant     σ [Ω]  F1      std     accuracy  n\n',
    );
    for (const s of result.summary)
      context.stdout.write(
        `${s.variant.padEnd(11)} ${String(s.sigma).padStart(5)}  ${s.f1.toFixed(4)}  ${s.f1Std.toFixed(4)}  ${(100 * s.accuracy).toFixed(2).padStart(6)} %  ${s.n}\n`,
      );
    context.stdout.write(`files: ${result.files.join(', ')}\n`);
  }
  return 0;
}
