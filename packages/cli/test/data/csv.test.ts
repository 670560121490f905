import { InvalidParameterError } from '@memsim/core';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/index';

describe('parseCsv', () => {
  it('detects a header and parses numbers', () => {
    const t = parseCsv('x,y\n1,2\n3,4.5\n');
    expect(t.header).toEqual(['x', 'y']);
    expect(t.rows).toBe(2);
    expect(Array.from(t.data)).toEqual([1, 2, 3, 4.5]);
  });
  it('works without a header and drops non-numeric columns on request', () => {
    expect(parseCsv('1,2\n3,4').header).toEqual(['c0', 'c1']);
    const t = parseCsv('id,v\n"row,1",2\nrow2,3\n', { dropColumns: ['id'] });
    expect(t.header).toEqual(['v']);
    expect(Array.from(t.data)).toEqual([2, 3]);
  });
  it.each([
    ['', /at least one row/],
    ['a,b\n', /data row/],
    ['a,b\n1,2\n3\n', /2 cells on every row; received '1 cells on line 3'/],
    ['a,b\n1,x\n', /numbers in column `b`; received ''x' on line 2'/],
  ])('rejects malformed text %#', (text, message) => {
    expect(() => parseCsv(text)).toThrow(InvalidParameterError);
    expect(() => parseCsv(text)).toThrow(message);
  });
});
