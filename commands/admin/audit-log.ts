import type {
  AllMiddlewareArgs,
  BlockAction,
  ButtonAction,
  SlackActionMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';
import { z } from 'zod';
import type { Locale } from '../../src/i18n/messages';
import { readJson } from '../../src/read-json';
import { type AuditLogOutcome, type auditFilterOf, readAuditLog } from '../../src/services/admin/audit-log';
import type { AppDeps } from '../../src/services/deps';
import { localeOf } from '../../src/services/people';
import { adminText } from '../../src/views/admin';
import { type AuditPage, buildAuditLog, buildAuditLogModal } from '../../src/views/audit-log';
import { escapeMrkdwn, noticeModal } from '../../src/views/blocks';
import { adminIds } from '../../src/views/ids';
import type { Reply } from '../shared/feature';
import type { ListenerApp } from '../shared/listeners';
import { answerOf } from './forms';

export function auditReply(deps: AppDeps, by: string, filter: ReturnType<typeof auditFilterOf>, locale: Locale): Reply {
  const outcome: AuditLogOutcome = 'kind' in filter ? filter : readAuditLog(deps, by, filter);
  const text = adminText[locale];
  switch (outcome.kind) {
    case 'refused':
      return { text: text.refused };
    case 'unknown_unit':
      return { text: text.auditUnknownUnit(escapeMrkdwn(outcome.typed)) };
    case 'ambiguous_unit':
      return { text: text.auditAmbiguousUnit(escapeMrkdwn(outcome.typed), outcome.units.map((unit) => unit.code).join(', ')) };
    case 'unreadable':
      return { text: text.auditUnreadable(outcome.words.map(escapeMrkdwn).join(', ')) };
    case 'page':
      return buildAuditLog(auditFacts(deps, outcome), locale);
  }
}

export function auditFacts(deps: AppDeps, outcome: Extract<AuditLogOutcome, { kind: 'page' }>) {
  return {
    page: outcome.page,
    ...(outcome.unit ? { unitName: outcome.unit.name } : {}),
    lines: outcome.lines,
    window: outcome.window,
    total: outcome.total,
    zone: deps.store.organisation.get()!.timeZone,
  };
}

async function submitAudit(deps: AppDeps, { ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction>): Promise<void> {
  const locale = localeOf(deps, body.user.id);
  const values = view.state.values;
  const unit = answerOf(values, 'unit');
  const user = answerOf(values, 'user');
  const from = answerOf(values, 'date');
  const until = answerOf(values, 'until');
  if (from && until && from > until)
    return ack({ response_action: 'errors', errors: { [adminIds.fields.until]: adminText[locale].untilBeforeFrom } });
  const page: AuditPage = {
    ...(unit ? { unitId: Number(unit) } : {}),
    ...(user ? { userId: user } : {}),
    ...(from ? { from } : {}),
    ...(until ? { until } : {}),
    page: 0,
  };
  const outcome = readAuditLog(deps, body.user.id, page);
  if (outcome.kind !== 'page')
    return ack({
      response_action: 'update',
      view: noticeModal(adminText[locale].menuTitle, adminText[locale].close, adminText[locale].refused),
    });
  return ack({ response_action: 'update', view: buildAuditLogModal(auditFacts(deps, outcome), locale) });
}

const auditPageSchema = z.object({
  unitId: z.number().int().positive().optional(),
  userId: z.string().max(30).optional(),
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  until: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  page: z.number().int().min(0).max(1_000_000),
});

/** The log's Previous / Next: the page drawn again where it is, a modal or a reply. */
async function turnAuditPage(
  deps: AppDeps,
  { ack, action, body, client, respond }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs,
): Promise<void> {
  await ack();
  const locale = localeOf(deps, body.user.id);
  const page = readJson(action.value, auditPageSchema) as AuditPage | undefined;
  const outcome = page ? readAuditLog(deps, body.user.id, page) : undefined;
  if (body.view) {
    const view =
      outcome?.kind === 'page'
        ? buildAuditLogModal(auditFacts(deps, outcome), locale)
        : noticeModal(adminText[locale].menuTitle, adminText[locale].close, adminText[locale].refused);
    await client.views.update({ view_id: body.view.id, hash: body.view.hash, view });
    return;
  }
  const reply = outcome?.kind === 'page' ? buildAuditLog(auditFacts(deps, outcome), locale) : { text: adminText[locale].refused };
  await respond({ response_type: 'ephemeral', replace_original: true, ...reply });
}

/** A tool's button (the menu, the admins' Home, a block of the leads' list): its form, for an admin only. */
/** The log's form and its Previous / Next buttons. */
export function registerAuditLog(app: ListenerApp, deps: AppDeps): void {
  for (const actionId of [adminIds.auditPrevious, adminIds.auditNext])
    app.action<BlockAction<ButtonAction>>(actionId, (args) => turnAuditPage(deps, args));
  app.view<ViewSubmitAction>(adminIds.callbacks.audit, (args) => submitAudit(deps, args));
}
