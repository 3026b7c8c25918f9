import type { TestBot } from './bot';

/**
 * The demo organisation as the report tests use it: Khối thi đua Nội chính (lead Công an tỉnh),
 * year 2021, Quý I due 10/04/2021 17:00 in Hà Nội.
 */
export const DEMO = {
  channel: 'C0NOICHINH',
  admin: 'U0ADMIN01',
  ca: 'U0CA0001',
  ca2: 'U0CA0002',
  stp: 'U0TP0001',
  tt: 'U0TT0001',
  qs: 'U0QS0001',
  /** 08/04/2021 09:00 in Hà Nội: before the Q1 due. */
  beforeDue: new Date('2021-04-08T02:00:00Z'),
  /** 12/04/2021 10:00 in Hà Nội: after the Q1 due. */
  afterDue: new Date('2021-04-12T03:00:00Z'),
};

/** Lookups into the demo's Nội chính block for 2021. */
export function demoLookups(t: () => TestBot) {
  const block = () => t().bot.store.structure.blockByCode('NOI_CHINH')!;
  const criterion = (code: string) =>
    t()
      .bot.store.structure.criteria(2021, block().id)
      .find((row) => row.code === code)!;
  return {
    block,
    criterion,
    unit: (code: string) => t().bot.store.structure.unitByCode(code)!,
    q1: () =>
      t()
        .bot.store.structure.periods(2021)
        .find((period) => period.code === 'Q1')!,
    valueBlock: (code: string) => `report_value_${criterion(code).id}`,
    reasonBlock: (code: string) => `report_reason_${criterion(code).id}`,
    /** A full, valid report: 98% of target, self-scores 8 / 4 / 9, one violation, 3 bonus points claimed with a reason. */
    reportAnswers(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
      const value = (code: string) => `report_value_${criterion(code).id}`;
      const yes = Object.fromEntries(['3', '4', '5', '7', '8', '10'].map((code) => [value(code), 'yes']));
      return {
        ...yes,
        [value('1')]: '98',
        [value('2')]: '8',
        [value('6')]: '4',
        [value('9')]: '1',
        [value('11')]: '9',
        [value('T')]: '3',
        [`report_reason_${criterion('T').id}`]: 'Bằng khen của Bộ Tư pháp số 123/QĐ-BTP',
        ...overrides,
      };
    },
    /** The unit's pledge in force: target 100% for criterion 1, a ceiling of 2 for criterion 9. */
    seedPledge(code: string): void {
      const store = t().bot.store;
      const pledge = store.pledges.ensure(2021, store.structure.unitByCode(code)!.id, block().id);
      store.pledges.add({
        pledgeId: pledge.id,
        status: 'accepted',
        titles: ['Tập thể lao động xuất sắc'],
        commitments: '',
        targets: new Map([
          [criterion('1').id, 100],
          [criterion('9').id, 2],
        ]),
        submittedBy: 'seed',
        actingAsAdmin: false,
        submittedAt: new Date('2021-03-15T01:00:00Z'),
      });
    },
  };
}
