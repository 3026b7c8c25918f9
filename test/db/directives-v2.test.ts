import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import type { Store } from '../../db/store';
import { isExpired } from '../../db/store/directives';
import type { DirectiveInput } from '../../src/domain/directive';
import { parseDirectiveQuery } from '../../src/domain/directive-query';
import { directiveInput } from '../support/directives';
import { openOrganisationStore } from '../support/store';

/** The search order of version 2: in force before expired at equal relevance; a replaced document never above its replacement. */
const NOW = new Date('2025-09-15T01:00:00Z');
const ADMIN = 'U0ADMIN01';
const EMPTY = 'organization: { name: UBND tỉnh Thử }\n';

const directive = (number: string, overrides: Partial<DirectiveInput> = {}) =>
  directiveInput(number, { issuer: 'UBND tỉnh Thử', title: 'Về việc ban hành quy chế thi đua, khen thưởng', ...overrides });

describe('ranking directives in force and no longer in force', () => {
  let handle: DatabaseHandle;
  let store: Store;
  const numbers = (typed: string, today: string) =>
    store.directives.search(parseDirectiveQuery(typed), { offset: 0, limit: 10 }, today).hits.map((hit) => hit.directive.number);

  beforeEach(() => {
    ({ handle, store } = openOrganisationStore(NOW, { yaml: EMPTY }));
  });
  afterEach(() => handle.close());

  it('at equal relevance, the one in force first; before the expiry, the newest first as ever', () => {
    store.transaction((tx) => {
      tx.directives.add(directive('10/QĐ-UBND', { issuedOn: '2015-01-05' }), ADMIN, NOW);
      tx.directives.add(directive('20/QĐ-UBND', { issuedOn: '2020-01-05', expiredOn: '2024-01-01' }), ADMIN, NOW);
    });
    expect(numbers('quy che thi dua', '2025-09-15')).toEqual(['10/QĐ-UBND', '20/QĐ-UBND']);
    expect(numbers('quy che thi dua', '2023-12-31')).toEqual(['20/QĐ-UBND', '10/QĐ-UBND']);
    // Expiry is a day: from that day on it is no longer in force.
    expect(numbers('quy che thi dua', '2024-01-01')).toEqual(['10/QĐ-UBND', '20/QĐ-UBND']);
  });

  it('relevance still comes first: an expired document that matches better stays above', () => {
    store.transaction((tx) => {
      tx.directives.add(directive('10/QĐ-UBND', { title: 'Về việc ban hành quy chế làm việc', tags: ['thi đua'] }), ADMIN, NOW);
      tx.directives.add(directive('20/QĐ-UBND', { expiredOn: '2024-01-01', tags: ['quy chế thi đua'] }), ADMIN, NOW);
    });
    expect(numbers('quy che thi dua', '2025-09-15')).toEqual(['20/QĐ-UBND', '10/QĐ-UBND']);
  });

  it('a replaced document never ranks above its replacement, however much better it matches', () => {
    store.transaction((tx) => {
      tx.directives.add(
        directive('20/QĐ-UBND', { tags: ['quy chế thi đua', 'thi đua khen thưởng'], replacedBy: '30/QĐ-UBND', expiredOn: '2026-01-01' }),
        ADMIN,
        NOW,
      );
      tx.directives.add(directive('30/QĐ-UBND', { title: 'Về việc ban hành quy chế mới', tags: ['thi đua'] }), ADMIN, NOW);
      tx.directives.add(directive('40/QĐ-UBND', { title: 'Quy chế thi đua khen thưởng năm 2022', issuedOn: '2022-01-05' }), ADMIN, NOW);
    });
    const order = numbers('quy che thi dua', '2025-09-15');
    expect(order.indexOf('20/QĐ-UBND')).toBeGreaterThan(order.indexOf('30/QĐ-UBND'));
    const hit = store.directives
      .search(parseDirectiveQuery('quy che thi dua'), { offset: 0, limit: 10 }, '2025-09-15')
      .hits.find((candidate) => candidate.directive.number === '20/QĐ-UBND');
    expect(hit?.replacement?.number).toBe('30/QĐ-UBND');
  });

  it('a number that fits several: exact first, then those in force, then the newest', () => {
    store.transaction((tx) => {
      tx.directives.add(directive('7/QĐ-UBND', { issuedOn: '2024-03-01', expiredOn: '2025-01-01' }), ADMIN, NOW);
      tx.directives.add(directive('7/KH-UBND', { kind: 'Kế hoạch', issuedOn: '2019-03-01' }), ADMIN, NOW);
    });
    expect(numbers('7', '2025-09-15')).toEqual(['7/KH-UBND', '7/QĐ-UBND']);
    expect(numbers('7', '2024-09-15')).toEqual(['7/QĐ-UBND', '7/KH-UBND']);
    expect(numbers('7/QĐ-UBND', '2025-09-15')[0]).toBe('7/QĐ-UBND');
  });

  it('knows when a directive stops being in force', () => {
    expect(isExpired({ expiredOn: null }, '2030-01-01')).toBe(false);
    expect(isExpired({ expiredOn: '2025-07-01' }, '2025-06-30')).toBe(false);
    expect(isExpired({ expiredOn: '2025-07-01' }, '2025-07-01')).toBe(true);
  });
});
