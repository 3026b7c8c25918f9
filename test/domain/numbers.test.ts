import { describe, expect, it } from 'vitest';
import { parseLocaleNumber } from '../../src/domain/numbers';

describe('parseLocaleNumber', () => {
  it.each([
    ['95', 95],
    ['95,5', 95.5],
    ['95.5', 95.5],
    ['1.234,5', 1234.5],
    ['1234.5', 1234.5],
    ['1,234.5', 1234.5],
    ['1.234.567', 1234567],
    ['1,234,567', 1234567],
    ['12.500', 12500],
    ['0.500', 0.5],
    ['2.5', 2.5],
    ['98.75', 98.75],
    ['1 234,5', 1234.5],
    ['1\u00a0234,5', 1234.5],
    ['100%', 100],
    [' 7 ', 7],
    ['-3', -3],
    ['+4,25', 4.25],
    [',5', 0.5],
    ['0', 0],
  ])('reads %j as %d', (input, expected) => {
    expect(parseLocaleNumber(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['mười', 'not_a_number'],
    ['95a', 'not_a_number'],
    ['1.23.4', 'not_a_number'],
    ['1,2,3', 'not_a_number'],
    ['1.234,5,6', 'not_a_number'],
    ['1..2', 'not_a_number'],
    ['5,', 'not_a_number'],
    ['.', 'not_a_number'],
    ['--1', 'not_a_number'],
    ['1e5', 'not_a_number'],
    ['Infinity', 'not_a_number'],
  ])('refuses %j (%s)', (input, reason) => {
    expect(parseLocaleNumber(input)).toEqual({ ok: false, reason });
  });
});
