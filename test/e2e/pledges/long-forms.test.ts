import { afterEach, describe, expect, it } from 'vitest';
import { validateView } from '../../../src/local-slack/block-kit-limits';
import { inputsOf } from '../../../src/local-slack/view-state';
import { type TestBot, textOf } from '../../support/bot';
import { resultOf } from '../../support/interactions';
import { generatedOrganisationYaml, officerOf } from '../../support/organisations';
import { openModal, startPledgeBot } from './support';

/** A pledge form longer than one modal: pages, what earlier pages carry (checked again), drafts. */
let t: TestBot;
afterEach(async () => {
  await t?.close();
});

describe('a block with many criteria', () => {
  async function fillLongForm(user: string, value: (index: number) => string) {
    const { view } = await openModal(user);
    const pages: Record<string, unknown>[] = [view.view];
    let index = 0;
    for (;;) {
      const current = t.slack.openViewOf(user)!;
      expect(validateView(current.view)).toEqual([]);
      const inputs = inputsOf(current.view);
      const targets = inputs.filter((input) => input.blockId.startsWith('pledge_target_'));
      const filled: Record<string, string | string[]> = Object.fromEntries(targets.map((input) => [input.blockId, value(index++)]));
      const final = inputs.some((input) => input.blockId === 'pledge_sign');
      if (final) Object.assign(filled, { pledge_titles: ['Tập thể lao động xuất sắc'], pledge_sign: ['signed'] });
      const reply = await t.driver.submitView(user, filled, current.id);
      const body = reply.body as { response_action?: string; view?: Record<string, unknown> };
      expect(body.response_action).toBe('update');
      if (final) return { pages, result: body.view! };
      pages.push(body.view!);
    }
  }

  it('splits 120 target inputs over pages, checks each page, and stores every value once', async () => {
    t = await startPledgeBot({ organisationYaml: generatedOrganisationYaml({ units: 2, targets: 120, measureUnit: 'tỷ đồng' }) });
    const user = officerOf(2);
    const { view } = await openModal(user);
    expect(textOf(view.view)).toContain('Trang 1/3 — chỉ tiêu 1–45 trên 120.');
    expect(inputsOf(view.view).filter((input) => input.blockId.startsWith('pledge_target_'))).toHaveLength(45);
    expect(inputsOf(view.view).some((input) => input.blockId === 'pledge_sign')).toBe(false);

    // A bad value on the first page is caught there.
    const firstIds = inputsOf(view.view).map((input) => input.blockId);
    const bad = await t.driver.submitView(user, { ...Object.fromEntries(firstIds.map((id) => [id, '90'])), [firstIds[7]!]: 'abc' });
    expect(bad.body).toEqual({
      response_action: 'errors',
      errors: { [firstIds[7]!]: 'Giá trị “abc” không phải là số. Nhập số, ví dụ 95 hoặc 95,5.' },
    });
    t.slack.closeView(view.id);

    const { pages, result } = await fillLongForm(user, (index) => `${index + 1},5`);
    expect(pages.map((page) => inputsOf(page).filter((input) => input.blockId.startsWith('pledge_target_')).length)).toEqual([45, 45, 30]);
    expect(textOf(pages[2]!)).toContain('Trang 3/3 — chỉ tiêu 91–120 trên 120.');
    expect(textOf(result)).toContain('Đã ký giao ước thi đua năm 2021 cho Đơn vị số 2');
    const unit = t.bot.store.structure.unitByCode('DV2')!;
    const versions = t.bot.store.pledges.versions(t.bot.store.pledges.find(2021, unit.id)!.id);
    expect(versions).toHaveLength(1);
    const criteria = t.bot.store.structure
      .criteria(2021, t.bot.store.structure.blockByCode('LON')!.id)
      .filter((row) => row.kind === 'target');
    expect(criteria.map((criterion) => versions[0]!.targets.get(criterion.id))).toEqual(criteria.map((_, index) => index + 1.5));
  });

  it('checks again the targets earlier pages carry in the modal: forged ones, or a page that is not the form’s, are refused', async () => {
    t = await startPledgeBot({ organisationYaml: generatedOrganisationYaml({ units: 2, targets: 60 }) });
    const user = officerOf(2);
    const submitForged = async (forge: (carried: { entered?: unknown[]; page: number }) => Record<string, unknown>) => {
      const { view } = await openModal(user);
      const first = inputsOf(view.view).filter((input) => input.blockId.startsWith('pledge_target_'));
      await t.driver.submitView(user, Object.fromEntries(first.map((input) => [input.blockId, '90'])), view.id);
      const second = t.slack.openViewOf(user)!;
      const carried = JSON.parse(String(second.view.private_metadata)) as { entered?: unknown[]; page: number };
      expect([carried.page, carried.entered?.length]).toEqual([1, 45]);
      second.view.private_metadata = JSON.stringify(forge(carried));
      const filled = Object.fromEntries(
        inputsOf(second.view)
          .filter((input) => input.blockId.startsWith('pledge_target_'))
          .map((input) => [input.blockId, '90']),
      );
      return textOf(
        resultOf(
          await t.driver.submitView(user, { ...filled, pledge_titles: ['Tập thể lao động xuất sắc'], pledge_sign: ['signed'] }, second.id),
        ),
      );
    };
    const stale = 'chưa lưu gì. Vui lòng gõ lại `/thidua dangky`.';
    expect(await submitForged((carried) => ({ ...carried, entered: (carried.entered ?? []).map(() => -5) }))).toContain(stale);
    expect(await submitForged((carried) => ({ ...carried, page: 7 }))).toContain(stale);
    expect(t.bot.store.pledges.find(2021, t.bot.store.structure.unitByCode('DV2')!.id)).toBeUndefined();
  });

  it('keeps the values of a form too long for the modal’s metadata in a draft, then drops it', async () => {
    t = await startPledgeBot({ organisationYaml: generatedOrganisationYaml({ units: 1, targets: 300, measureUnit: 'tỷ đồng' }) });
    const user = officerOf(1);
    const { pages } = await fillLongForm(user, (index) => `123.456.789,${String(index).padStart(3, '0')}25`);
    expect(pages).toHaveLength(7);
    const unit = t.bot.store.structure.unitByCode('DV1')!;
    const version = t.bot.store.pledges.versions(t.bot.store.pledges.find(2021, unit.id)!.id)[0]!;
    expect(version.targets.size).toBe(300);
    const criteria = t.bot.store.structure
      .criteria(2021, t.bot.store.structure.blockByCode('LON')!.id)
      .filter((row) => row.kind === 'target');
    expect(version.targets.get(criteria[299]!.id)).toBe(123456789.29925);
    expect(t.bot.handle.sqlite.prepare("select count(*) as count from meta where key like 'pledge-draft:%'").get()).toEqual({ count: 0 });
  });
});
