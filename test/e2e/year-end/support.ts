import JSZip from 'jszip';
import type { Store } from '../../../db/store';
import { firstResponse, type TestBot, textOf } from '../../support/bot';
import { DEMO_YES, seedPledge, seedReport, seedReview } from '../../support/standings';

/**
 * A year of Khối thi đua Nội chính (the demo: seven units, lead Công an tỉnh, channel C0NOICHINH),
 * written through the real store: every unit pledges a target of 100 for criterion 1 (and a
 * ceiling of 0 for criterion 9) and registers titles; each report is reviewed by the lead with full
 * marks on the graded lines. A report's total is then 0,4 × (criterion 1) + 60 − deduction, so a
 * wanted total t is reported as criterion 1 = (t − 60) / 0,4.
 */
export const FLAG = 'Cờ thi đua của UBND tỉnh';
export const MERIT = 'Bằng khen của Chủ tịch UBND tỉnh';
export const CHANNEL = 'C0NOICHINH';
export const LEAD = 'U0CA0001';
export const ADMIN = 'U0ADMIN01';
export const UNITS = ['TT', 'CA', 'VKS', 'TAND', 'STP', 'BCHQS', 'CTHADS'] as const;
export type UnitCode = (typeof UNITS)[number];
export const OFFICER: Record<UnitCode, string> = {
  TT: 'U0TT0001',
  CA: 'U0CA0001',
  VKS: 'U0VKS001',
  TAND: 'U0TA0001',
  STP: 'U0TP0001',
  BCHQS: 'U0QS0001',
  CTHADS: 'U0THA001',
};
const PERIODS = ['Q1', 'H1', 'M9', 'NAM'] as const;
type PeriodCode = (typeof PERIODS)[number];
const REPORTED_ON: Record<PeriodCode, string> = { Q1: '2021-04-05', H1: '2021-07-05', M9: '2021-10-05', NAM: '2021-12-05' };

/** Totals by unit and period (undefined: not reported), the hand-computed year of the tests. */
export type YearTotals = Partial<Record<UnitCode, Partial<Record<PeriodCode, number>>>>;

/**
 * The year in the tests' notes (totals; — not reported):
 *          Q1   H1   M9   Cả năm
 * CA       96   98   97   98
 * TT       94   96   95   97
 * VKS      92   94   96   97
 * TAND     90   90   90   90
 * STP      88   —    92   93
 * BCHQS    86   88   90   92
 * CTHADS   84   86   88   89
 */
export const A_YEAR: YearTotals = {
  CA: { Q1: 96, H1: 98, M9: 97, NAM: 98 },
  TT: { Q1: 94, H1: 96, M9: 95, NAM: 97 },
  VKS: { Q1: 92, H1: 94, M9: 96, NAM: 97 },
  TAND: { Q1: 90, H1: 90, M9: 90, NAM: 90 },
  STP: { Q1: 88, M9: 92, NAM: 93 },
  BCHQS: { Q1: 86, H1: 88, M9: 90, NAM: 92 },
  CTHADS: { Q1: 84, H1: 86, M9: 88, NAM: 89 },
};

export function seedYear(
  store: Store,
  totals: YearTotals,
  options: {
    titles?: Partial<Record<UnitCode, string[]>>;
    deductions?: Partial<Record<UnitCode, Partial<Record<PeriodCode, number>>>>;
  } = {},
): void {
  for (const unitCode of UNITS) {
    const by = OFFICER[unitCode];
    seedPledge(store, {
      unitCode,
      targets: { '1': 100, '9': 0 },
      by,
      at: new Date('2021-03-20T02:00:00Z'),
      titles: options.titles?.[unitCode] ?? [FLAG, MERIT],
    });
    for (const periodCode of PERIODS) {
      const total = totals[unitCode]?.[periodCode];
      if (total === undefined) continue;
      const deduction = options.deductions?.[unitCode]?.[periodCode] ?? 0;
      const at = new Date(`${REPORTED_ON[periodCode]}T02:00:00Z`);
      const version = seedReport(store, {
        unitCode,
        periodCode,
        values: { '1': (total + deduction - 60) / 0.4, '2': 10, ...DEMO_YES, '6': 5, '9': 0, '11': 10, T: 0, K: deduction },
        by,
        at,
      });
      seedReview(store, { version, unitCode, scores: { '2': 10, '6': 5, '11': 10, T: 0, K: deduction }, by: LEAD, at });
    }
  }
}

/** Runs `/thidua <text>` as `user` and answers the first reply, as text and blocks. */
export async function command(t: TestBot, user: string, text: string, channel = CHANNEL) {
  const reply = await t.driver.slashCommand(user, text, channel);
  const answer = await firstResponse(t.slack, reply.responseUrl);
  return { answer, text: textOf(answer), blocks: (answer.blocks ?? []) as Record<string, unknown>[], responseUrl: reply.responseUrl };
}

/** 15/12/2021 09:00 in Hà Nội: every period of the demo year is due (Cả năm on 10/12/2021 17:00). */
export const YEAR_END = new Date('2021-12-15T02:00:00Z');

/** The text of a DOCX: its paragraphs (table cells are paragraphs too), one a line, read from word/document.xml. */
export async function docxText(bytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  return xml
    .split('</w:p>')
    .map((paragraph) => [...paragraph.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((match) => match[1]).join(''))
    .filter(Boolean)
    .join('\n')
    .replace(/&amp;/g, '&');
}
