import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { OrganisationSettings } from '../../db/store/organisation';
import type { Catalogue, Locale } from '../../src/i18n/messages';
import type { Caller } from '../../src/services/caller';
import type { AppDeps } from '../../src/services/deps';
import type { SubCommandHelp } from '../../src/views/help';
import type { ListenerApp } from './listeners';

/** An ephemeral reply: what only the caller sees. */
export interface Reply {
  text: string;
  blocks?: KnownBlock[];
}

export interface CommandContext {
  deps: AppDeps;
  caller: Caller;
  organisation: OrganisationSettings;
  locale: Locale;
  /** The words after the sub-command, as typed. */
  args: string;
  channelId: string;
  triggerId: string;
  client: WebClient;
  respond(reply: Reply): Promise<void>;
  /** Run from the block picker's “Xem” button: show what there is, start nothing (opening is its own button). */
  showOnly?: boolean;
}

/** What opening a modal needs: a slash command's context, or the same built from a button press. */
export type ModalOpener = Pick<CommandContext, 'deps' | 'caller' | 'organisation' | 'locale' | 'triggerId' | 'client' | 'respond'>;

/** One `/thidua` sub-command: its Vietnamese name, aliases, help and handler. */
export interface SubCommand {
  /** Canonical Vietnamese name without diacritics, as people type it (shown in replies that name the command), e.g. "baocao", "xephang nam". */
  name: string;
  /** Other ways to type it: with diacritics ("báo cáo"), the English alias ("report"). */
  aliases: string[];
  help: Catalogue<SubCommandHelp>;
  /** "anyone": also people outside the organisation (help, directive lookups). Default: members. */
  audience?: 'anyone' | 'members';
  run(context: CommandContext): Promise<void>;
}

/** A feature: its sub-commands and the buttons, modals and events it answers. One file (or folder) each. */
export interface Feature {
  subCommands?: SubCommand[];
  /** A property, not a method, so a feature written against Bolt's whole App does not type-check: it gets only what `listeners.ts` hands on. */
  register?: (app: ListenerApp, deps: AppDeps) => void;
}
