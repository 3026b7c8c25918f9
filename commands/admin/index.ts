import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { matchCommand } from '../../src/domain/command-words';
import { defineMessages } from '../../src/i18n/messages';
import { auditFilterOf } from '../../src/services/admin/audit-log';
import { adminCaller } from '../../src/services/admin/common';
import type { AppDeps } from '../../src/services/deps';
import { localeOf } from '../../src/services/people';
import { adminText, buildAdminMenu } from '../../src/views/admin';
import { ADMIN_TOOLS, type AdminTool } from '../../src/views/admin-tools';
import { escapeMrkdwn } from '../../src/views/blocks';
import { ADMIN_OPEN } from '../../src/views/ids';
import type { Feature, ModalOpener, SubCommand } from '../shared/feature';
import { ephemeral } from '../shared/replies';
import { auditReply, registerAuditLog } from './audit-log';

import { registerAdminForms, toolView } from './forms';
import { openOrganisationFileForm, organisationFileFeature } from './organisation-file';

const adminHelp = defineMessages(
  {
    usage: '/thidua quantri [canbo | truongkhoi | giahan | molai | ngaynghi | nhatky … | teptochuc]',
    description:
      'Công cụ của Ban Thi đua – Khen thưởng (chỉ quản trị viên): giao, thôi giao cán bộ thi đua; đặt Trưởng khối, Phó khối theo năm; gia hạn nộp báo cáo cho một đơn vị; mở lại báo cáo đã khóa; thêm ngày nghỉ; đọc nhật ký; nạp tệp tổ chức. Mỗi thay đổi được ghi vào nhật ký.',
    example: '/thidua quantri nhatky STP 01/03/2021 31/03/2021',
  },
  {
    usage: '/thidua admin [officers | leads | extend | reopen | holiday | log … | file]',
    description:
      "The Emulation & Commendation Board's tools (admins only): make or relieve officers; set a block's lead and deputy for a year; extend a unit's due; reopen a locked report; add a holiday; read the audit log; load the organisation file. Every change goes to the audit log.",
    example: '/thidua admin log STP 01/03/2021 31/03/2021',
  },
);

/** What an admin types after `quantri` to go straight to a tool. */
const TOOL_WORDS: { name: AdminTool; words: string[] }[] = [
  { name: 'officers', words: ['canbo', 'cán bộ', 'can bo', 'officers', 'officer'] },
  { name: 'leads', words: ['truongkhoi', 'trưởng khối', 'truong khoi', 'leads', 'lead'] },
  { name: 'extension', words: ['giahan', 'gia hạn', 'gia han', 'extend', 'extension'] },
  { name: 'reopen', words: ['molai', 'mở lại', 'mo lai', 'reopen'] },
  { name: 'holiday', words: ['ngaynghi', 'ngày nghỉ', 'ngay nghi', 'holiday'] },
  { name: 'audit', words: ['nhatky', 'nhật ký', 'nhat ky', 'log', 'audit'] },
  { name: 'organisation_file', words: ['teptochuc', 'tệp tổ chức', 'tep to chuc', 'file', 'import'] },
];

const quantri: SubCommand = {
  name: 'quantri',
  aliases: ['quản trị', 'quan tri', 'admin'],
  help: adminHelp,
  async run(context) {
    const { deps, caller, locale, respond } = context;
    if (!caller.isAdmin) return respond({ text: adminText[locale].refused });
    if (!context.args.trim()) return respond(buildAdminMenu(locale));
    const match = matchCommand(context.args, TOOL_WORDS);
    if (match.kind !== 'match')
      return respond({
        text: adminText[locale].unknownTool(escapeMrkdwn(context.args.trim()), TOOL_WORDS.map((tool) => `\`${tool.words[0]}\``).join(', ')),
      });
    const tool = match.name as AdminTool;
    // The log read from a command answers in the conversation, with its filter typed after the word.
    if (tool === 'audit' && match.rest.trim()) return respond(auditReply(deps, caller.userId, auditFilterOf(deps, match.rest), locale));
    return openTool(context, tool);
  },
};

/** A tool's form, or (for the leads) the blocks to choose from first. */
async function openTool(opener: ModalOpener, tool: AdminTool | `leads:${number}`): Promise<void> {
  const { deps, organisation, locale } = opener;
  if (tool === 'organisation_file') return openOrganisationFileForm(opener);
  const view = toolView(deps, organisation, tool, locale);
  if (!view) return;
  if ('type' in view) {
    await opener.client.views.open({ trigger_id: opener.triggerId, view });
    return;
  }
  await opener.respond(view);
}

async function pressTool(
  deps: AppDeps,
  { ack, action, body, client, respond }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs,
): Promise<void> {
  await ack();
  const locale = localeOf(deps, body.user.id);
  const say = ephemeral(respond);
  const admin = adminCaller(deps, body.user.id);
  if (!admin) return say(adminText[locale].refused);
  const tool = action.value ?? '';
  if (!(ADMIN_TOOLS as readonly string[]).includes(tool) && !/^leads:\d+$/.test(tool)) return say(adminText[locale].refused);
  await openTool(
    { deps, caller: admin.caller, organisation: admin.organisation, locale, triggerId: body.trigger_id, client, respond: say },
    tool as AdminTool,
  );
}

/**
 * `/thidua quantri` (alias admin): the Emulation Board's tools, each a form whose answers are
 * checked again on the server (src/services/admin/), applied once and audited, and confirmed in words.
 */
export const adminFeature: Feature = {
  subCommands: [quantri],
  register(app, deps) {
    app.action<BlockAction<ButtonAction>>(ADMIN_OPEN, (args) => pressTool(deps, args));
    registerAdminForms(app, deps);
    registerAuditLog(app, deps);
    organisationFileFeature.register?.(app, deps);
  },
};
