import { InvalidParameterError } from '../errors/invalid-parameter-error';

/** Levenshtein distance, for "did you mean" suggestions on unknown option keys. */
function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = saved;
    }
  }
  return row[b.length]!;
}

/**
 * Rejects keys of `options` that are not in `allowed` (the aihwkit "Wrong attribute name?" idea), suggesting the
 * closest allowed key. `undefined` options objects pass.
 *
 * @throws {InvalidParameterError} when `options` is not an object or has an unknown key.
 * @example
 * try {
 *   checkKnownKeys('VTEAM params', { rOnn: 50 }, ['rOn', 'rOff']);
 * } catch (error) {
 *   (error as Error).message; // → "VTEAM params: unknown key `rOnn`; did you mean `rOn`? Allowed keys are `rOn`, `rOff`."
 * }
 */
export function checkKnownKeys(where: string, options: unknown, allowed: readonly string[]): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw new InvalidParameterError({ where, parameter: 'options', value: options, expected: 'an options object' });
  for (const key of Object.keys(options)) {
    if (allowed.includes(key)) continue;
    let best = '';
    let bestDistance = Number.POSITIVE_INFINITY;
    for (const candidate of allowed) {
      const d = editDistance(key.toLowerCase(), candidate.toLowerCase());
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    const hint = bestDistance <= Math.max(2, Math.floor(key.length / 3)) ? `; did you mean \`${best}\`?` : '';
    const list = allowed.map((k) => `\`${k}\``).join(', ');
    throw new InvalidParameterError({
      where,
      parameter: key,
      value: (options as Record<string, unknown>)[key],
      expected: 'a known option',
      // The whole list as well as the hint: a near miss may still be the wrong key.
      message: `${where}: unknown key \`${key}\`${hint}${hint ? ' Allowed keys' : '; allowed keys'} are ${list}.`,
    });
  }
}
