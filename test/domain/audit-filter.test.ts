import { describe, expect, it } from 'vitest';
import { parseAuditFilterWords } from '../../src/domain/audit-filter';
import { parseTypedDate } from '../../src/domain/calendar';

describe('the words of /thidua quantri nhatky', () => {
  it.each([
    ['', { unitText: '', unreadable: [] }],
    ['STP', { unitText: 'STP', unreadable: [] }],
    ['so tu phap', { unitText: 'so tu phap', unreadable: [] }],
    ['<@U0TP0001>', { userId: 'U0TP0001', unitText: '', unreadable: [] }],
    ['<@U0TP0001|nguyen.van.a> STP', { userId: 'U0TP0001', unitText: 'STP', unreadable: [] }],
    ['U0ADMIN01', { userId: 'U0ADMIN01', unitText: '', unreadable: [] }],
    ['12/04/2021', { from: '2021-04-12', until: '2021-04-12', unitText: '', unreadable: [] }],
    ['1/4/2021 15/4/2021', { from: '2021-04-01', until: '2021-04-15', unitText: '', unreadable: [] }],
    ['15/04/2021 01/04/2021', { from: '2021-04-01', until: '2021-04-15', unitText: '', unreadable: [] }],
    ['từ 01/04/2021', { from: '2021-04-01', unitText: '', unreadable: [] }],
    ['den 2021-04-30 cong an', { until: '2021-04-30', unitText: 'cong an', unreadable: [] }],
    ['so tu phap tu 01/04/2021', { from: '2021-04-01', unitText: 'so tu phap', unreadable: [] }],
    ['from 1.4.2021 to 2021-04-30', { from: '2021-04-01', until: '2021-04-30', unitText: '', unreadable: [] }],
    ['31/02/2021', { unitText: '', unreadable: ['31/02/2021'] }],
    ['<@U0TP0001> <@U0CA0001>', { userId: 'U0TP0001', unitText: '', unreadable: ['<@U0CA0001>'] }],
  ])('%j', (text, expected) => {
    expect(parseAuditFilterWords(text)).toEqual(expected);
  });

  it.each([
    ['10/04/2021', '2021-04-10'],
    ['1-2-2021', '2021-02-01'],
    ['2021-02-29', null],
    ['29/02/2020', '2020-02-29'],
    ['Q1', null],
  ])('reads %s as %s', (word, date) => {
    expect(parseTypedDate(word)).toBe(date);
  });
});
