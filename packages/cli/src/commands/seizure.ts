import { InvalidParameterError } from '@memsim/core';
import { numberListOption, numberOption, type ParsedArgs } from '../internal/args';
import { runSeizureStudy } from '../seizure/seizure-study';
import type { CommandContext } from './command';

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
    folds: numberOption('experiment', 'folds', v.folds, 5, { min: 2, integer: true }),
    epochs: numberOption('experiment', 'epochs', v.epochs, 20, { min: 1, integer: true }),
    sigmas: full
      ? Array.from({ length: 21 }, (_, k) => 25 * k)
      : numberListOption('experiment', 'sigmas', undefined, [0, 250, 500]),
    seeds: numberOption('experiment', 'seeds', v.seeds, 1, { min: 1, integer: true }),
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
