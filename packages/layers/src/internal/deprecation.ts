/** Codes already warned about in this process (one warning per code). */
const warned = new Set<string>();

/**
 * Emits a deprecation warning once per process and code. In Node it is a typed `DeprecationWarning` with that
 * `code` (`process.emitWarning`), so `--no-deprecation` / `process.noDeprecation = true` silence it,
 * `--throw-deprecation` makes it throw and `process.on('warning')` sees it; elsewhere one `console.warn`.
 */
export function warnDeprecated(code: string, message: string): void {
  if (warned.has(code)) return;
  warned.add(code);
  const proc = (globalThis as { process?: { emitWarning?: (m: string, o: { type: string; code: string }) => void } })
    .process;
  if (typeof proc?.emitWarning === 'function') proc.emitWarning(message, { type: 'DeprecationWarning', code });
  else console.warn(`DeprecationWarning [${code}]: ${message}`);
}
