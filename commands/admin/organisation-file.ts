import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { Locale } from '../../src/i18n/messages';
import { readJson } from '../../src/read-json';
import { adminCaller } from '../../src/services/admin/common';
import {
  applySharedFile,
  type FileApplyOutcome,
  previewSharedFile,
  queueOrganisationTemplate,
} from '../../src/services/admin/organisation-file';
import type { AppDeps } from '../../src/services/deps';
import { localeOf } from '../../src/services/people';
import { organisationFileIds } from '../../src/views/ids';
import {
  buildFileApplied,
  buildFileNotice,
  buildFilePreview,
  buildFileProblems,
  buildOrganisationFileHowTo,
} from '../../src/views/organisation-file';
import type { Feature, ModalOpener } from '../shared/feature';
import { ephemeral } from '../shared/replies';

/**
 * The organisation file from Slack: an admin shares the YAML file or XLSX workbook in their DM with
 * the bot (a `message` event with a file); the bot answers there with what it would change and
 * “Áp dụng” / “Hủy”, or with every problem. Files anyone else shares, and files in channels, are
 * not read.
 */
const decisionSchema = z.object({ f: z.string().regex(/^F[A-Z0-9]+$/), h: z.string().regex(/^[0-9a-f]{32}$/) });

/** The admin tool's button: how to send the file, with the empty workbook sent to the admin's DM. */
export async function openOrganisationFileForm(opener: ModalOpener): Promise<void> {
  queueOrganisationTemplate(opener.deps, opener.caller.userId, opener.triggerId, opener.locale);
  await opener.respond(buildOrganisationFileHowTo(opener.locale));
}

type FileEvent = SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs;

async function fileShared(deps: AppDeps, { event, client, context }: FileEvent): Promise<void> {
  if (event.subtype !== 'file_share' || event.channel_type !== 'im') return;
  const file = event.files?.[0];
  if (!file?.id || !context.botToken) return;
  const by = event.user;
  const locale = localeOf(deps, by);
  const say = (message: { text: string; blocks: unknown[] }) =>
    client.chat.postMessage({ channel: event.channel, text: message.text, blocks: message.blocks as never });
  // People who are not admins share files with the bot for other reasons: only admins are answered.
  if (!adminCaller(deps, by)) return;
  const outcome = await previewSharedFile(deps, client, by, { fileId: file.id, token: context.botToken });
  switch (outcome.kind) {
    case 'refused':
      return;
    case 'too_big':
      await say(buildFileNotice('too_big', outcome, locale));
      return;
    case 'unreachable':
      await say(buildFileNotice('unreachable', outcome, locale));
      return;
    case 'invalid':
      await say(buildFileProblems(outcome, locale));
      return;
    case 'preview':
      await say(buildFilePreview({ ...outcome, value: JSON.stringify({ f: file.id, h: outcome.hash }) }, locale));
  }
}

type Press = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

async function decide(deps: AppDeps, apply: boolean, { ack, action, body, client, context, respond }: Press): Promise<void> {
  await ack();
  const by = body.user.id;
  const locale = localeOf(deps, by);
  const replace = async (message: { text: string; blocks: unknown[] }) => {
    await respond({ response_type: 'in_channel', replace_original: true, text: message.text, blocks: message.blocks as never });
  };
  if (!adminCaller(deps, by)) return ephemeral(respond)(buildFileNotice('refused', {}, locale));
  const decision = readJson(action.value, decisionSchema);
  if (!decision || !context.botToken) return ephemeral(respond)(buildFileNotice('changed', {}, locale));
  if (!apply) return replace(buildFileNotice('cancelled', { name: fileNameOf(body) }, locale));
  // One preview applies once: its message is the claim.
  const claim = `organisation-file:${body.container?.message_ts ?? action.action_ts}`;
  const outcome = await applySharedFile(deps, client, by, { fileId: decision.f, token: context.botToken, hash: decision.h, claim });
  await replace(appliedMessage(outcome, locale));
}

function appliedMessage(outcome: FileApplyOutcome, locale: Locale): { text: string; blocks: unknown[] } {
  switch (outcome.kind) {
    case 'applied':
      return buildFileApplied(outcome, locale);
    case 'invalid':
      return buildFileProblems(outcome, locale);
    case 'too_big':
      return buildFileNotice('too_big', outcome, locale);
    case 'repeat':
    case 'refused':
      return buildFileNotice(outcome.kind, {}, locale);
    case 'changed':
    case 'unreachable':
      return buildFileNotice(outcome.kind, outcome, locale);
  }
}

/** The file's name as the preview said it (the first bold words of its text). */
function fileNameOf(body: BlockAction): string {
  const blocks = (body.message?.blocks ?? []) as { text?: { text?: string } }[];
  const bold = blocks
    .map((block) => block.text?.text ?? '')
    .join(' ')
    .match(/\*([^*]+)\*/);
  return bold?.[1] ?? '';
}

export const organisationFileFeature: Feature = {
  register(app, deps) {
    app.event('message', (args) => fileShared(deps, args as FileEvent));
    app.action<BlockAction<ButtonAction>>(organisationFileIds.applyAction, (args) => decide(deps, true, args));
    app.action<BlockAction<ButtonAction>>(organisationFileIds.cancelAction, (args) => decide(deps, false, args));
  },
};
