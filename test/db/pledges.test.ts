import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import type { Store } from '../../db/store';
import { openOrganisationStore } from '../support/store';

/** The pledge store over the real migrations and the demo organisation. */
let handle: DatabaseHandle;
let store: Store;
const at = (minutes: number) => new Date(Date.UTC(2021, 2, 15, 1, minutes));

beforeEach(() => {
  ({ handle, store } = openOrganisationStore(at(0)));
});
afterEach(() => handle.close());

function unit(code: string) {
  return store.structure.unitByCode(code)!;
}

function add(pledgeId: number, status: 'accepted' | 'pending', minute: number, value: number) {
  const criterion = store.structure.criteria(2021, store.structure.blockByCode('NOI_CHINH')!.id)[0]!;
  return store.pledges.add({
    pledgeId,
    status,
    titles: ['Tập thể lao động xuất sắc'],
    commitments: '',
    targets: new Map([[criterion.id, value]]),
    submittedBy: 'U0TT0001',
    actingAsAdmin: false,
    submittedAt: at(minute),
  });
}

describe('pledge store', () => {
  it('numbers versions, keeps them all, and puts the latest accepted in force', () => {
    const block = store.structure.blockByCode('NOI_CHINH')!;
    const pledge = store.pledges.ensure(2021, unit('TT').id, block.id);
    expect(store.pledges.ensure(2021, unit('TT').id, block.id).id).toBe(pledge.id);
    add(pledge.id, 'accepted', 1, 90);
    add(pledge.id, 'accepted', 2, 95);
    const pending = add(pledge.id, 'pending', 3, 100);
    expect(store.pledges.versions(pledge.id).map((version) => [version.version, version.status])).toEqual([
      [1, 'accepted'],
      [2, 'accepted'],
      [3, 'pending'],
    ]);
    expect([...store.pledges.inForce(pledge.id)!.targets.values()]).toEqual([95]);
    expect(store.pledges.pending(pledge.id)!.id).toBe(pending.id);
    expect(store.pledges.acceptedBefore(pledge.id, pending.id)!.version).toBe(2);
  });

  it('decides a pending version once: the second decision finds it decided', () => {
    const pledge = store.pledges.ensure(2021, unit('TT').id, store.structure.blockByCode('NOI_CHINH')!.id);
    add(pledge.id, 'accepted', 1, 90);
    const pending = add(pledge.id, 'pending', 2, 100);
    expect(store.pledges.decide(pending.id, 'accepted', { by: 'U0CA0001', at: at(5) })).toBe(true);
    expect(store.pledges.decide(pending.id, 'rejected', { by: 'U0CA0002', at: at(6), reason: 'muộn' })).toBe(false);
    expect(store.pledges.version(pending.id)).toMatchObject({ status: 'accepted', decidedBy: 'U0CA0001', decisionReason: null });
    expect(store.pledges.inForce(pledge.id)!.id).toBe(pending.id);
  });

  it('withdraws only pending versions, and those cannot be decided any more', () => {
    const pledge = store.pledges.ensure(2021, unit('TT').id, store.structure.blockByCode('NOI_CHINH')!.id);
    add(pledge.id, 'accepted', 1, 90);
    const pending = add(pledge.id, 'pending', 2, 100);
    expect(store.pledges.withdrawPending(pledge.id, { by: 'U0TT0001', at: at(3) })).toEqual([pending.id]);
    expect(store.pledges.withdrawPending(pledge.id, { by: 'U0TT0001', at: at(4) })).toEqual([]);
    expect(store.pledges.decide(pending.id, 'accepted', { by: 'U0CA0001', at: at(5) })).toBe(false);
    expect(store.pledges.versions(pledge.id).map((version) => version.status)).toEqual(['accepted', 'withdrawn']);
  });

  it('counts the units that have signed: an accepted version, not a pending or rejected one', () => {
    const block = store.structure.blockByCode('NOI_CHINH')!;
    const members = store.structure.members(block.id).map((member) => member.id);
    expect(store.pledges.signedCount(2021, members)).toBe(0);
    const tt = store.pledges.ensure(2021, unit('TT').id, block.id);
    add(tt.id, 'accepted', 1, 90);
    add(tt.id, 'accepted', 2, 95);
    store.pledges.ensure(2021, unit('CA').id, block.id);
    expect(store.pledges.signedCount(2021, members)).toBe(1);
    const byUnit = store.pledges.forUnits(2021, members);
    expect([...byUnit.keys()].sort()).toEqual([unit('TT').id, unit('CA').id].sort());
    expect(byUnit.get(unit('TT').id)).toMatchObject({ signed: { version: 1 }, inForce: { version: 2 } });
    expect(byUnit.get(unit('CA').id)!.signed).toBeUndefined();
  });
});
