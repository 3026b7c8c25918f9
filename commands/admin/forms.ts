import type { SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import { z } from 'zod';
import type { OrganisationSettings } from '../../db/store/organisation';
import { localDateOf } from '../../src/domain/calendar';
import { statusPeriod } from '../../src/domain/periods';
import type { Locale } from '../../src/i18n/messages';
import { readJson } from '../../src/read-json';
import { type AdminOutcome, adminYear, type FieldProblem, unitChoices } from '../../src/services/admin/common';
import { addHoliday } from '../../src/services/admin/holidays';
import { setLeads } from '../../src/services/admin/leads';
import { changeOfficer } from '../../src/services/admin/officers';
import { DEFAULT_TIME, extendDue, reopenReport } from '../../src/services/admin/terms';
import type { AppDeps } from '../../src/services/deps';
import { localeOf } from '../../src/services/people';
import { type AdminConfirmation, adminText, confirmationText, problemText } from '../../src/views/admin';
import {
  buildAuditForm,
  buildHolidayForm,
  buildLeadsForm,
  buildOfficersForm,
  buildTermsForm,
  type UnitGroups,
} from '../../src/views/admin-forms';
import type { AdminTool } from '../../src/views/admin-tools';
import { actions, button, noticeModal, section } from '../../src/views/blocks';
import { ADMIN_OPEN, adminIds } from '../../src/views/ids';
import type { Reply } from '../shared/feature';
import type { ListenerApp } from '../shared/listeners';

export function toolView(deps: AppDeps, organisation: OrganisationSettings, tool: string, locale: Locale): ModalView | Reply | undefined {
  const { store } = deps;
  const now = deps.clock.now();
  const zone = organisation.timeZone;
  const year = adminYear(deps, organisation);
  const groups = (): UnitGroups => unitChoices(deps, year);
  const periods = year !== undefined ? store.structure.periods(year) : [];
  const today = localDateOf(now, zone);
  if (tool.startsWith('leads:')) {
    const block = store.structure.blockById(Number(tool.slice('leads:'.length)));
    if (!block?.active || year === undefined) return { text: adminText[locale].problems.unknown };
    const years = store.structure.years().map((row) => row.year);
    const pair = store.structure.blockYear(year, block.id);
    return buildLeadsForm(
      {
        block,
        members: store.structure.members(block.id),
        years,
        year,
        ...(pair?.lead ? { leadId: pair.lead.id } : {}),
        ...(pair?.deputy ? { deputyId: pair.deputy.id } : {}),
      },
      locale,
    );
  }
  switch (tool as AdminTool) {
    case 'officers':
      return buildOfficersForm(groups(), locale);
    case 'leads': {
      const blocks = store.structure.activeBlocks();
      const rows = [];
      for (let start = 0; start < blocks.length && rows.length < 45; start += 5)
        rows.push(
          actions(
            `admin_leads_blocks_${start}`,
            ...blocks.slice(start, start + 5).map((block) => button(block.name, ADMIN_OPEN, `leads:${block.id}`)),
          ),
        );
      const text = adminText[locale].pickBlock;
      return { text, blocks: [section(text), ...rows] };
    }
    case 'extension':
    case 'reopen': {
      const period = statusPeriod(periods, now);
      return buildTermsForm(
        tool === 'extension' ? 'extension' : 'reopen',
        {
          groups: groups(),
          periods: periods.filter((row) => row.active).map((row) => ({ id: row.id, code: row.code, name: row.name, year: row.year })),
          ...(period ? { periodId: period.id } : {}),
          date: today,
          time: DEFAULT_TIME,
        },
        locale,
      );
    }
    case 'holiday':
      return buildHolidayForm({ date: today }, locale);
    case 'audit':
      return buildAuditForm(groups(), locale);
    case 'organisation_file':
      return undefined;
  }
  return undefined;
}

// ── Form submissions ──────────────────────────────────────────────────────────────────────────

type StateValues = ViewSubmitAction['view']['state']['values'];

/** The answer of one input of a submitted form, whatever its kind, as text (undefined when empty). */
export function answerOf(values: StateValues, field: keyof typeof adminIds.fields): string | undefined {
  const input = values[adminIds.fields[field]]?.[adminIds.inputAction] as
    | {
        value?: string | null;
        selected_option?: { value: string } | null;
        selected_user?: string | null;
        selected_date?: string | null;
        selected_time?: string | null;
      }
    | undefined;
  if (!input) return undefined;
  return input.selected_option?.value ?? input.selected_user ?? input.selected_date ?? input.selected_time ?? input.value ?? undefined;
}

const leadsMetadata = z.object({ blockId: z.number().int().positive() });

/** Applies one admin form: per-field errors, or the modal replaced by what was done, in words. */
async function submitForm<Done>(
  deps: AppDeps,
  { ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction>,
  apply: (values: StateValues, by: string, viewId: string) => AdminOutcome<Done>,
  confirm: (done: Done) => AdminConfirmation,
): Promise<void> {
  const organisation = deps.store.organisation.get();
  const locale = localeOf(deps, body.user.id);
  const title = adminText[locale].menuTitle;
  if (!organisation)
    return ack({ response_action: 'update', view: noticeModal(title, adminText[locale].close, adminText[locale].refused) });
  const outcome = apply(view.state.values, body.user.id, view.id);
  switch (outcome.kind) {
    case 'refused':
      return ack({ response_action: 'update', view: noticeModal(title, adminText[locale].close, adminText[locale].refused) });
    case 'repeat':
      return ack();
    case 'invalid':
      return ack({ response_action: 'errors', errors: fieldErrors(outcome.problems, organisation.timeZone, locale) });
    case 'done':
      return ack({
        response_action: 'update',
        view: noticeModal(title, adminText[locale].close, confirmationText(confirm(outcome as Done), organisation.timeZone, locale)),
      });
  }
}

function fieldErrors(problems: readonly FieldProblem[], zone: string, locale: Locale): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const problem of problems) errors[adminIds.fields[problem.field]] ??= problemText(problem, zone, locale);
  return errors;
}

/** The forms' submissions: each applied by its use case (src/services/admin/) and confirmed in words. */
export function registerAdminForms(app: ListenerApp, deps: AppDeps): void {
  const { callbacks } = adminIds;
  app.view<ViewSubmitAction>(callbacks.officers, (args) =>
    submitForm(
      deps,
      args,
      (values, by, viewId) =>
        changeOfficer(deps, by, {
          viewId,
          change: answerOf(values, 'change'),
          unitId: answerOf(values, 'unit'),
          userId: answerOf(values, 'user'),
        }),
      (done): AdminConfirmation =>
        done.change === 'added'
          ? {
              kind: 'officer_added',
              userId: done.userId,
              unitName: done.unit.name,
              ...(done.previousUnit ? { previousUnitName: done.previousUnit.name } : {}),
            }
          : { kind: 'officer_removed', userId: done.userId, unitName: done.unit.name, remaining: done.remaining },
    ),
  );
  app.view<ViewSubmitAction>(callbacks.leads, (args) =>
    submitForm(
      deps,
      args,
      (values, by, viewId) => {
        const blockId = readJson(args.view.private_metadata, leadsMetadata)?.blockId;
        const deputy = answerOf(values, 'deputy');
        return setLeads(deps, by, {
          viewId,
          year: answerOf(values, 'year'),
          blockId: blockId !== undefined ? String(blockId) : undefined,
          leadUnitId: answerOf(values, 'lead'),
          deputyUnitId: deputy === 'none' ? undefined : deputy,
        });
      },
      (done) => ({
        kind: 'leads_set',
        blockName: done.block.name,
        year: done.year,
        lead: done.lead.name,
        ...(done.deputy ? { deputy: done.deputy.name } : {}),
      }),
    ),
  );
  for (const [callback, apply, kind] of [
    [callbacks.extension, extendDue, 'extended'],
    [callbacks.reopen, reopenReport, 'reopened'],
  ] as const)
    app.view<ViewSubmitAction>(callback, (args) =>
      submitForm(
        deps,
        args,
        (values, by, viewId) =>
          apply(deps, by, {
            viewId,
            unitId: answerOf(values, 'unit'),
            periodId: answerOf(values, 'period'),
            date: answerOf(values, 'date'),
            time: answerOf(values, 'time'),
            reason: answerOf(values, 'reason'),
          }),
        (done): AdminConfirmation => ({
          kind,
          unitName: done.unit.name,
          periodName: done.period.name,
          at: done.at,
          officers: done.officers,
        }),
      ),
    );
  app.view<ViewSubmitAction>(callbacks.holiday, (args) =>
    submitForm(
      deps,
      args,
      (values, by, viewId) => addHoliday(deps, by, { viewId, date: answerOf(values, 'date'), name: answerOf(values, 'holidayName') }),
      (done) => ({ kind: 'holiday_added', date: done.date, name: done.name }),
    ),
  );
}
