import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { createStore, type Store } from '../../db/store';
import { standingsFor, standingsForBlocks } from '../../src/standings/load';
import { parseStandingsRecord, standingChanges, standingsRecord } from '../../src/standings/record';
import { changeLines } from '../../src/views/standings';
import { DEMO_YAML, demoWithGrades } from '../support/bot';
import { generatedOrganisationYaml } from '../support/organisations';
import { seedNoiChinhQ1, seedPledge, seedReport, seedReview } from '../support/standings';
import { openOrganisationStore } from '../support/store';

const AT = new Date('2021-04-08T03:00:00Z');
const LATE = new Date('2021-04-11T03:00:00Z');
let handle: DatabaseHandle;
const statements: string[] = [];

function open(yaml = DEMO_YAML): Store {
  const opened = openOrganisationStore(AT, { yaml, trace: (statement) => statements.push(statement) });
  handle = opened.handle;
  return opened.store;
}
afterEach(() => handle?.close());

function load(store: Store, blockCode = 'NOI_CHINH', periodCode = 'Q1') {
  const block = store.structure.blockByCode(blockCode)!;
  const period = store.structure.periods(2021).find((candidate) => candidate.code === periodCode)!;
  return standingsFor(store, block.id, period.id)!;
}

const byCode = (loaded: ReturnType<typeof load>) => {
  const codes = new Map(loaded.members.map((member) => [member.id, member.code]));
  return loaded.standings.rows.map((row) => [
    codes.get(row.unitId),
    row.rank,
    Number(row.total.toFixed(9)),
    row.tie,
    row.reported,
    row.grade,
  ]);
};

describe('standingsFor: a block and a period from the store', () => {
  it('scores the versions in force against the pledges, ranks with ties, and leaves units without a report last', () => {
    const store = open();
    seedNoiChinhQ1(store, AT, LATE);
    const loaded = load(store);
    expect(byCode(loaded)).toEqual([
      ['CA', 1, 94, false, true, 'Hoàn thành tốt'],
      ['TAND', 2, 89, true, true, 'Hoàn thành tốt'],
      ['STP', 2, 89, true, true, 'Hoàn thành tốt'],
      ['TT', 4, 0, false, false, null],
      ['VKS', 4, 0, false, false, null],
      ['BCHQS', 4, 0, false, false, null],
      ['CTHADS', 4, 0, false, false, null],
    ]);
    const ca = loaded.standings.rows[0]!;
    expect(ca.criteria[0]).toMatchObject({ reported: 95, target: 100, points: 38, source: 'computed' });
    expect(ca.fullyReviewed).toBe(false);
    expect(loaded.standings.rows.find((row) => row.rank === 2 && row.late)).toBeDefined();
  });

  it("uses the lead's reviewed values of the version in force; a returned report counts its own values and is flagged", () => {
    const store = open();
    const { ca, stp } = seedNoiChinhQ1(store, AT, LATE);
    seedReview(store, { version: stp, unitCode: 'STP', scores: { '2': 9, '6': 5, '11': 7, K: 1 }, by: 'U0CA0001', at: LATE });
    seedReview(store, { version: ca, unitCode: 'CA', scores: {}, by: 'U0ADMIN01', at: LATE, outcome: 'returned' });
    const loaded = load(store);
    const codes = byCode(loaded);
    expect(codes.slice(0, 3)).toEqual([
      ['CA', 1, 94, false, true, 'Hoàn thành tốt'],
      ['TAND', 2, 89, false, true, 'Hoàn thành tốt'],
      ['STP', 3, 86, false, true, 'Hoàn thành tốt'],
    ]);
    const stpUnit = store.structure.unitByCode('STP')!.id;
    const caUnit = store.structure.unitByCode('CA')!.id;
    expect(loaded.meta.get(stpUnit)).toMatchObject({ reviewerUserId: 'U0CA0001', returned: false });
    expect(loaded.meta.get(caUnit)).toMatchObject({ reviewerUserId: null, returned: true });
    const stpScore = loaded.standings.rows.find((row) => row.unitId === stpUnit)!;
    expect(stpScore.fullyReviewed).toBe(true);
    expect(stpScore.criteria.find((line) => line.kind === 'graded' && line.maxPoints === 10 && line.reviewed === 7)).toMatchObject({
      points: 7,
      source: 'reviewed',
    });

    // An amendment accepted after the review awaits review again; its first version decides lateness.
    seedReport(store, { unitCode: 'STP', periodCode: 'Q1', values: { '1': 90 }, by: 'U0TP0001', at: LATE, late: true });
    const amended = load(store).standings.rows.find((row) => row.unitId === stpUnit)!;
    expect(amended).toMatchObject({ fullyReviewed: false, late: false });
  });

  it('treats a unit with only a pending change as not reported, and flags the pending change', () => {
    const store = open();
    seedReport(store, { unitCode: 'VKS', periodCode: 'Q1', values: { '1': 50 }, by: 'U0VKS001', at: AT, status: 'pending' });
    const loaded = load(store);
    const vks = store.structure.unitByCode('VKS')!.id;
    expect(loaded.standings.rows.find((row) => row.unitId === vks)?.reported).toBe(false);
    expect(loaded.meta.get(vks)?.pendingChange).toBe(true);
  });

  it('grades with the bands of the organisation file', () => {
    const store = open(demoWithGrades('      - { name: Xuất sắc, min: 93 }\n      - { name: Khá, min: 88 }\n      - { name: Chưa đạt }\n'));
    seedNoiChinhQ1(store, AT, LATE);
    expect(
      byCode(load(store))
        .slice(0, 3)
        .map((row) => row[5]),
    ).toEqual(['Xuất sắc', 'Khá', 'Khá']);
  });

  it('reads a block in the same number of queries whatever its size', () => {
    const count = (units: number) => {
      const store = open(generatedOrganisationYaml({ units, targets: 3 }));
      for (let unit = 1; unit <= units; unit++) {
        seedPledge(store, { unitCode: `DV${unit}`, targets: { C1: 10, C2: 10, C3: 10 }, by: 'U0X', at: AT });
        const version = seedReport(store, {
          unitCode: `DV${unit}`,
          periodCode: 'Q1',
          values: { C1: unit, C2: 5, C3: 10, G1: 4 },
          by: 'U0X',
          at: AT,
        });
        if (unit % 2) seedReview(store, { version, unitCode: `DV${unit}`, scores: { G1: 3 }, by: 'U0DV001', at: AT });
      }
      statements.length = 0;
      const loaded = load(store, 'LON');
      expect(loaded.standings.rows).toHaveLength(units);
      const queries = statements.length;
      handle.close();
      return queries;
    };
    expect(count(25)).toBe(count(3));
  });
});

describe('standingsForBlocks: the whole province at once', () => {
  it('reads every block in the queries of one, and scores each block as standingsFor does', () => {
    const store = open();
    seedNoiChinhQ1(store, AT, LATE);
    seedReport(store, { unitCode: 'SYT', periodCode: 'Q1', values: { '1': 70 }, by: 'U0YT0001', at: AT });
    const blocks = store.structure.activeBlocks().map((block) => block.id);
    const q1 = store.structure.periods(2021).find((period) => period.code === 'Q1')!.id;
    // Each measured on a store of its own, so neither finds the organisation's reads cached by the other.
    statements.length = 0;
    const one = standingsFor(createStore(handle.db), blocks[0]!, q1)!;
    const single = statements.length;
    statements.length = 0;
    const all = standingsForBlocks(createStore(handle.db), blocks, q1);
    expect(statements.length).toBe(single);
    expect([...all.keys()]).toEqual(blocks);
    expect(all.get(blocks[0]!)!.standings).toEqual(one.standings);
    expect(all.get(blocks[1]!)!.standings.rows.map((row) => [row.rank, row.reported])).toEqual([
      [1, true],
      [2, false],
      [2, false],
      [2, false],
      [2, false],
      [2, false],
    ]);
  });
});

describe('the standings record', () => {
  it('survives a round trip through JSON and notices a changed rank, total or grade, not a reworded line', () => {
    const store = open();
    const { stp } = seedNoiChinhQ1(store, AT, LATE);
    const published = standingsRecord(load(store), AT);
    const stored = parseStandingsRecord(JSON.parse(JSON.stringify(published)));
    expect(stored).toEqual(published);
    expect(parseStandingsRecord({ ...published, version: 2 })).toBeUndefined();
    expect(standingChanges(stored!, standingsRecord(load(store), LATE))).toEqual([]);

    seedReview(store, { version: stp, unitCode: 'STP', scores: { '2': 9, '6': 5, '11': 7, K: 1 }, by: 'U0CA0001', at: LATE });
    const changes = standingChanges(stored!, standingsRecord(load(store), LATE));
    expect(
      changes.map((change) => [change.unitName, change.before?.rank, change.after?.rank, change.before?.total, change.after?.total]),
    ).toEqual([['Sở Tư pháp', 2, 3, 89, 86]]);
  });

  it('counts a total within 1e-9 as unchanged', () => {
    const store = open();
    seedNoiChinhQ1(store, AT, LATE);
    const published = standingsRecord(load(store), AT);
    const nudged = { ...published, rows: published.rows.map((row) => ({ ...row, total: row.total + 1e-12 })) };
    expect(standingChanges(published, nudged)).toEqual([]);
    const moved = { ...published, rows: published.rows.map((row, index) => (index === 0 ? { ...row, total: row.total + 1e-6 } : row)) };
    expect(standingChanges(published, moved)).toHaveLength(1);
    expect(changeLines(standingChanges(published, moved), 'vi')).toEqual([
      `• ${published.rows[0]!.unitName}: tổng điểm thay đổi dưới 0,01`,
    ]);
    // A grade that changed with the same total (new bands) says only that.
    const regraded = { ...published, rows: published.rows.map((row, index) => (index === 0 ? { ...row, grade: 'Hoàn thành' } : row)) };
    expect(changeLines(standingChanges(published, regraded), 'vi')).toEqual([
      `• ${published.rows[0]!.unitName}: ${published.rows[0]!.grade} → Hoàn thành`,
    ]);
  });

  it('notices a review that confirms the figures or a returned report, with no total moving', () => {
    const store = open();
    seedNoiChinhQ1(store, AT, LATE);
    const current = standingsRecord(load(store), AT);
    const [first, second] = current.rows;
    const published = {
      ...current,
      rows: current.rows.map((row) =>
        row === first ? { ...row, fullyReviewed: !row.fullyReviewed } : row === second ? { ...row, returned: !row.returned } : row,
      ),
    };
    const changes = standingChanges(published, current);
    expect(changes.map((change) => change.unitName)).toEqual([first!.unitName, second!.unitName]);
    expect(changeLines(changes, 'vi')).toEqual([
      `• ${first!.unitName}: ${first!.fullyReviewed ? 'đã được thẩm định' : 'chờ thẩm định'}`,
      `• ${second!.unitName}: ${second!.returned ? 'báo cáo bị trả lại' : 'đã nộp lại sau khi bị trả lại'}`,
    ]);
  });
});
