// The page state lives in the URL query (shareable links): `?lab=device&model=VTEAM&amplitude=1…`.

/** Reads the current query. */
export function readQuery(): URLSearchParams {
  return new URLSearchParams(window.location.search);
}

/** Replaces the query (no history entry per slider move). */
export function writeQuery(query: URLSearchParams): void {
  const url = `${window.location.pathname}?${query.toString()}`;
  window.history.replaceState(null, '', url);
}

/** A finite number from the query, else `fallback`. */
export function numberParam(q: URLSearchParams, key: string, fallback: number): number {
  const raw = q.get(key);
  if (raw === null || raw.trim() === '') return fallback;
  const v = Number(raw);
  return Number.isFinite(v) ? v : fallback;
}

/** One of `allowed` from the query, else `fallback`. */
export function oneOfParam<T extends string>(q: URLSearchParams, key: string, allowed: readonly T[], fallback: T): T {
  const raw = q.get(key);
  return raw !== null && (allowed as readonly string[]).includes(raw) ? (raw as T) : fallback;
}
