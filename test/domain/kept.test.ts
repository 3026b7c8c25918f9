import { describe, expect, it } from 'vitest';
import { keptAnswer, keptFor } from '../../src/domain/kept';

describe('keptFor: answers kept beside a list that cannot change', () => {
  const counting = () => {
    let builds = 0;
    const kept = new WeakMap<readonly object[], number>();
    const ask = (items: readonly object[]) =>
      keptFor(kept, items, () => {
        builds += 1;
        return items.length;
      });
    return { ask, builds: () => builds };
  };

  it('builds once for a frozen list of frozen items, and once for each other such list', () => {
    const { ask, builds } = counting();
    const one = Object.freeze([Object.freeze({ id: 1 })]);
    const two = Object.freeze([Object.freeze({ id: 1 }), Object.freeze({ id: 2 })]);
    for (let round = 0; round < 3; round++) {
      expect(ask(one)).toBe(1);
      expect(ask(two)).toBe(2);
    }
    expect(builds()).toBe(2);
  });

  it('builds afresh every time for a list that could still change: not frozen, or with an item not frozen', () => {
    const { ask, builds } = counting();
    const open: object[] = [Object.freeze({ id: 1 })];
    const openItem = Object.freeze([{ id: 1 }]);
    for (let round = 0; round < 3; round++) {
      expect(ask(open)).toBe(open.length);
      open.push(Object.freeze({ id: round + 2 }));
      expect(ask(openItem)).toBe(1);
    }
    expect(builds()).toBe(6);
    // Frozen later, it is kept from then on.
    Object.freeze(open);
    expect(ask(open)).toBe(4);
    expect(ask(open)).toBe(4);
    expect(builds()).toBe(7);
  });
});

describe('keptAnswer: answers kept by key, at most a limit', () => {
  it('computes each key once until the limit empties it', () => {
    const kept = new Map<string, string>();
    const computed: string[] = [];
    const ask = (key: string) =>
      keptAnswer(kept, key, 2, () => {
        computed.push(key);
        return key.toUpperCase();
      });
    expect([ask('a'), ask('b'), ask('a'), ask('b')]).toEqual(['A', 'B', 'A', 'B']);
    expect(ask('c')).toBe('C');
    expect(kept.size).toBe(1);
    expect(ask('a')).toBe('A');
    expect(computed).toEqual(['a', 'b', 'c', 'a']);
  });
});
