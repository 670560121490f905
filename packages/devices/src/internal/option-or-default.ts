/**
 * `value`, or `fallback` when the option was not given. Only `undefined` means "not given": a `null` is passed on to
 * the option's check and rejected there with a typed error (`??` would have taken it as "use the default").
 */
export function optionOr<T>(value: T | undefined, fallback: T): T {
  return value === undefined ? fallback : value;
}
