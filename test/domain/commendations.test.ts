import { describe, expect, it } from 'vitest';
import { type Ballot, type BallotLayout, decodeBallot, encodeBallot, everyTallyKey, readBallot, tallyKeys } from '../../src/domain/ballots';
import {
  type Candidate,
  type CommendationRules,
  decideTitles,
  elect,
  gradeAtLeast,
  MORE_THAN_HALF,
  meetsShare,
  neededFor,
  proposalList,
  type ShareRule,
  type Tally,
  TWO_THIRDS,
  titleLimit,
} from '../../src/domain/commendations';

const GRADES = ['Hoàn thành xuất sắc', 'Hoàn thành tốt', 'Hoàn thành', 'Không hoàn thành'];
const FLAG = 'Cờ thi đua của UBND tỉnh';
const MERIT = 'Bằng khen của Chủ tịch UBND tỉnh';

describe('shares that decide (quorum, threshold)', () => {
  const cases: { rule: ShareRule; whole: number; needed: number }[] = [
    { rule: MORE_THAN_HALF, whole: 6, needed: 4 },
    { rule: MORE_THAN_HALF, whole: 7, needed: 4 },
    { rule: TWO_THIRDS, whole: 6, needed: 4 },
    { rule: TWO_THIRDS, whole: 7, needed: 5 },
    { rule: TWO_THIRDS, whole: 9, needed: 6 },
    { rule: { kind: 'share', share: 0.75 }, whole: 8, needed: 6 },
    { rule: { kind: 'share', share: 1 }, whole: 5, needed: 5 },
  ];
  it.each(cases)('$rule.kind of $whole needs $needed', ({ rule, whole, needed }) => {
    expect(neededFor(rule, whole)).toBe(needed);
    expect(meetsShare(rule, needed, whole)).toBe(true);
    expect(meetsShare(rule, needed - 1, whole)).toBe(false);
  });
});

describe('how many units a title may go to', () => {
  it.each([
    { rule: { maxUnits: 1 }, members: 7, limit: 1 },
    { rule: { maxShare: 0.3 }, members: 7, limit: 2 },
    { rule: { maxShare: 0.3, maxUnits: 1 }, members: 7, limit: 1 },
    { rule: { maxShare: 0.5 }, members: 6, limit: 3 },
    { rule: {}, members: 7, limit: null },
  ])('$rule of $members units → $limit', ({ rule, members, limit }) => {
    expect(titleLimit(rule, members)).toBe(limit);
  });

  it('grades compare in the bands’ order', () => {
    expect(gradeAtLeast('Hoàn thành xuất sắc', 'Hoàn thành tốt', GRADES)).toBe(true);
    expect(gradeAtLeast('Hoàn thành tốt', 'Hoàn thành tốt', GRADES)).toBe(true);
    expect(gradeAtLeast('Hoàn thành', 'Hoàn thành tốt', GRADES)).toBe(false);
    expect(gradeAtLeast(null, undefined, GRADES)).toBe(false);
    expect(gradeAtLeast('Hoàn thành', undefined, GRADES)).toBe(true);
  });
});

const RULES: CommendationRules = {
  quorum: TWO_THIRDS,
  onePerUnit: true,
  titles: [
    {
      title: FLAG,
      minGrade: 'Hoàn thành xuất sắc',
      registered: true,
      noDeduction: [{ code: 'K', items: ['Cán bộ bị kỷ luật'] }],
      maxUnits: 1,
      threshold: MORE_THAN_HALF,
    },
    { title: MERIT, minGrade: 'Hoàn thành tốt', registered: true, noDeduction: [], maxShare: 0.3, threshold: TWO_THIRDS },
  ],
};
const candidate = (
  unitId: number,
  rank: number,
  grade: string | null,
  registered: string[],
  deductions: Candidate['deductions'] = [],
): Candidate => ({
  unitId,
  rank,
  reported: grade !== null,
  total: 100 - rank,
  grade,
  registered: new Set(registered),
  deductions,
});
const CANDIDATES = [
  candidate(1, 1, 'Hoàn thành xuất sắc', [FLAG, MERIT]),
  candidate(2, 1, 'Hoàn thành xuất sắc', [FLAG, MERIT]),
  candidate(3, 3, 'Hoàn thành xuất sắc', [MERIT]), // did not register the flag
  candidate(4, 4, 'Hoàn thành xuất sắc', [FLAG, MERIT], [{ code: 'K', items: ['Cán bộ bị kỷ luật'] }]),
  candidate(5, 5, 'Hoàn thành tốt', [FLAG, MERIT], [{ code: 'K', items: ['Chậm báo cáo'] }]),
  candidate(6, 6, 'Hoàn thành', [FLAG, MERIT]),
  candidate(7, 7, null, [FLAG, MERIT]),
];

describe('the proposal list', () => {
  const [flag, merit] = proposalList(RULES, CANDIDATES, GRADES, 7);

  it('eligible units in rank order, ties flagged; why each other unit is not', () => {
    expect(flag!.proposals.map((proposal) => [proposal.unitId, proposal.rank, proposal.tie])).toEqual([
      [1, 1, true],
      [2, 1, true],
    ]);
    expect(flag!.limit).toBe(1);
    expect(flag!.excluded).toEqual([
      { unitId: 3, reasons: ['not_registered'] },
      { unitId: 4, reasons: ['deduction'], barredBy: ['K'] },
      { unitId: 5, reasons: ['grade'] },
      { unitId: 6, reasons: ['grade'] },
      { unitId: 7, reasons: ['not_reported'] },
    ]);
    // A deduction item the title does not name bars nothing.
    expect(merit!.proposals.map((proposal) => proposal.unitId)).toEqual([1, 2, 3, 4, 5]);
    expect(merit!.limit).toBe(2);
  });

  const decide = (tallies: Record<string, Tally>, ballots: number) =>
    decideTitles(
      RULES,
      [flag!, merit!],
      (titleIndex, unitId) => tallies[`${titleIndex}:${unitId}`] ?? { agree: 0, disagree: ballots },
      ballots,
    );
  const outcomes = (decision: ReturnType<typeof decide>[number]) => decision.entries.map((entry) => [entry.unitId, entry.outcome]);

  it('a tie at the limit is settled by the votes; one title per unit; the threshold of each title', () => {
    const [flagDecision, meritDecision] = decide(
      {
        '0:1': { agree: 5, disagree: 1 },
        '0:2': { agree: 4, disagree: 2 },
        '1:1': { agree: 6, disagree: 0 },
        '1:2': { agree: 4, disagree: 2 },
        '1:3': { agree: 4, disagree: 2 },
        '1:4': { agree: 3, disagree: 3 },
        '1:5': { agree: 6, disagree: 0 },
      },
      6,
    );
    expect(outcomes(flagDecision!)).toEqual([
      [1, 'proposed'],
      [2, 'over_limit'],
    ]);
    expect(flagDecision!.needed).toBe(4);
    // Two thirds of 6 is 4: unit 4 (3) fails; 1 has the flag; 2 and 3 fill the two places; 5 is past the limit.
    expect(outcomes(meritDecision!)).toEqual([
      [1, 'other_title'],
      [2, 'proposed'],
      [3, 'proposed'],
      [4, 'not_passed'],
      [5, 'over_limit'],
    ]);
  });

  it('units still equal after the votes at the last place are named for the province', () => {
    const [flagDecision] = decide({ '0:1': { agree: 4, disagree: 2 }, '0:2': { agree: 4, disagree: 2 } }, 6);
    expect(outcomes(flagDecision!)).toEqual([
      [1, 'province_decides'],
      [2, 'province_decides'],
    ]);
  });

  it('a unit ranked first that the block does not pass leaves the place to the next that passes', () => {
    const [flagDecision] = decide({ '0:1': { agree: 3, disagree: 3 }, '0:2': { agree: 5, disagree: 1 } }, 6);
    expect(outcomes(flagDecision!)).toEqual([
      [1, 'not_passed'],
      [2, 'proposed'],
    ]);
  });
});

describe('next year’s lead and deputy', () => {
  it('the most votes wins; a tie at the top has no winner; the deputy is counted without the elected lead', () => {
    expect(
      elect(
        new Map([
          [3, 4],
          [1, 2],
        ]),
        [1, 2, 3],
      ),
    ).toEqual({
      counts: [
        { unitId: 1, votes: 2 },
        { unitId: 2, votes: 0 },
        { unitId: 3, votes: 4 },
      ],
      winner: 3,
      tied: [],
    });
    expect(
      elect(
        new Map([
          [1, 3],
          [2, 3],
        ]),
        [1, 2, 3],
      ).tied,
    ).toEqual([1, 2]);
    expect(
      elect(
        new Map([
          [3, 5],
          [2, 1],
        ]),
        [1, 2, 3],
        new Set([3]),
      ).winner,
    ).toBe(2);
    expect(elect(new Map(), [1, 2])).toEqual({
      counts: [
        { unitId: 1, votes: 0 },
        { unitId: 2, votes: 0 },
      ],
      tied: [],
    });
  });
});

describe('a ballot', () => {
  const layout: BallotLayout = {
    proposals: [
      { titleIndex: 0, unitId: 11 },
      { titleIndex: 1, unitId: 12 },
    ],
    members: [11, 12, 13],
  };

  it('is read from the form: every proposal answered, lead and deputy members and different', () => {
    expect(readBallot({ answers: ['agree', 'disagree'], lead: '13', deputy: '11' }, layout)).toEqual({
      ok: true,
      ballot: { answers: ['agree', 'disagree'], lead: 13, deputy: 11 },
    });
    expect(readBallot({ answers: [undefined, 'disagree'], lead: '99', deputy: '' }, layout)).toEqual({
      ok: false,
      problems: [
        { field: 'proposal', index: 0, kind: 'missing' },
        { field: 'lead', kind: 'not_member' },
        { field: 'deputy', kind: 'missing' },
      ],
    });
    expect(readBallot({ answers: ['agree', 'agree'], lead: '12', deputy: '12' }, layout)).toMatchObject({
      ok: false,
      problems: [{ field: 'deputy', kind: 'same_as_lead' }],
    });
  });

  it('adds one to each of its counts', () => {
    expect(tallyKeys({ answers: ['agree', 'disagree'], lead: 13, deputy: 11 }, layout)).toEqual([
      { subject: 'proposal:0:11', option: 'agree' },
      { subject: 'proposal:1:12', option: 'disagree' },
      { subject: 'lead', option: '13' },
      { subject: 'deputy', option: '11' },
    ]);
  });

  it('can only reach counts set up when the vote opens', () => {
    const every = everyTallyKey(layout);
    expect(every).toHaveLength(2 * 2 + 2 * 3);
    const ballots: Ballot[] = [
      { answers: ['agree', 'disagree'], lead: 13, deputy: 11 },
      { answers: ['disagree', 'agree'], lead: 11, deputy: 12 },
      { answers: ['disagree', 'disagree'], lead: 12, deputy: 13 },
    ];
    for (const key of ballots.flatMap((ballot) => tallyKeys(ballot, layout))) expect(every).toContainEqual(key);
  });

  it('is sealed as a line of the same length whatever was chosen, and read back', () => {
    const ballots: Ballot[] = [
      { answers: ['agree', 'agree'], lead: 11, deputy: 12 },
      { answers: ['disagree', 'agree'], lead: 13, deputy: 11 },
    ];
    const lines = ballots.map((ballot) => encodeBallot(ballot, layout));
    expect(new Set(lines.map((line) => line.length)).size).toBe(1);
    expect(lines.map((line) => decodeBallot(line, layout))).toEqual(ballots);
    expect(decodeBallot('AAA|0000|0001', layout)).toBeUndefined();
    expect(decodeBallot('AD|0009|0001', layout)).toBeUndefined();
  });
});
