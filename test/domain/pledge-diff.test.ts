import { describe, expect, it } from 'vitest';
import { diffPledges, type PledgeContent } from '../../src/domain/pledge-diff';

const pledge = (targets: [number, number][], titles: string[] = ['A'], commitments = ''): PledgeContent => ({
  targets: new Map(targets),
  titles,
  commitments,
});

describe('diffPledges', () => {
  it.each([
    ['nothing changed', pledge([[1, 95]]), pledge([[1, 95]]), []],
    ['a target moved', pledge([[1, 95]]), pledge([[1, 100]]), [{ kind: 'target', id: 1, before: 95, after: 100 }]],
    ['a ceiling went to zero', pledge([[9, 2]]), pledge([[9, 0]]), [{ kind: 'target', id: 9, before: 2, after: 0 }]],
    ['a target appeared', pledge([]), pledge([[1, 95]]), [{ kind: 'target', id: 1, after: 95 }]],
    ['a target disappeared', pledge([[1, 95]]), pledge([]), [{ kind: 'target', id: 1, before: 95 }]],
    ['titles reordered only', pledge([], ['A', 'B']), pledge([], ['B', 'A']), []],
    ['titles added and removed', pledge([], ['A', 'B']), pledge([], ['B', 'C']), [{ kind: 'titles', added: ['C'], removed: ['A'] }]],
    ['commitments with other spacing', pledge([], ['A'], 'Cam kết'), pledge([], ['A'], '  Cam kết \n'), []],
    ['commitments rewritten', pledge([], ['A'], 'Cũ'), pledge([], ['A'], 'Mới'), [{ kind: 'commitments', before: 'Cũ', after: 'Mới' }]],
  ])('%s', (_name, before, after, changes) => {
    expect(diffPledges(before, after)).toEqual(changes);
  });

  it('treats a first signature as all new', () => {
    expect(diffPledges(undefined, pledge([[1, 95]], ['A'], 'X'))).toEqual([
      { kind: 'target', id: 1, after: 95 },
      { kind: 'titles', added: ['A'], removed: [] },
      { kind: 'commitments', before: '', after: 'X' },
    ]);
  });

  it('lists targets in the criteria order, then titles, then commitments', () => {
    const changes = diffPledges(
      pledge(
        [
          [3, 1],
          [1, 1],
        ],
        ['A'],
        'x',
      ),
      pledge(
        [
          [1, 2],
          [3, 2],
        ],
        ['B'],
        'y',
      ),
      [1, 3],
    );
    expect(changes.map((change) => (change.kind === 'target' ? change.id : change.kind))).toEqual([1, 3, 'titles', 'commitments']);
  });
});
