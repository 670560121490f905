/**
 * Formats a received value for an error message: short, unambiguous, never huge.
 *
 * @example formatValue('5') // returns "'5'"
 * @example formatValue(new Float64Array(1000)) // returns 'Float64Array(1000)'
 */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return `'${value.length > 60 ? `${value.slice(0, 57)}...` : value}'`;
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'function') return `function ${value.name || '(anonymous)'}`;
  if (ArrayBuffer.isView(value)) {
    const length = (value as unknown as { length?: number }).length ?? value.byteLength;
    return `${value.constructor.name}(${length})`;
  }
  if (Array.isArray(value)) {
    if (value.length <= 6) return `[${value.map(formatValue).join(', ')}]`;
    return `Array(${value.length})`;
  }
  if (typeof value === 'object') {
    const keys = Object.keys(value as object);
    return keys.length === 0 ? '{}' : `{ ${keys.slice(0, 5).join(', ')}${keys.length > 5 ? ', ...' : ''} }`;
  }
  return String(value);
}
