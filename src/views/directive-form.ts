import { z } from 'zod';
import { parseLocalDate } from '../domain/calendar';
import { DIRECTIVE_KINDS, type DirectiveInput } from '../domain/directive';
import { directiveNumberKey, parseDirectiveNumber } from '../domain/directive-number';
import { foldVietnamese } from '../domain/fold';
import type { Locale } from '../i18n/messages';
import { directiveText } from './directive-text';
import { FIELD_LIMITS } from './field-limits';
import { directiveIds } from './ids';

/** The add/edit modal's answers, validated into what the store takes; or one message per bad field. */
export type DirectiveForm = { ok: true; input: DirectiveInput } | { ok: false; errors: Record<string, string> };

/** One input's state as Slack sends it in view.state.values[block_id][action_id]. */
export interface InputState {
  value?: string | null;
  selected_option?: { value: string } | null;
  selected_date?: string | null;
}

const MAX_TAGS = 20;
const MAX_TAG_LENGTH = 60;

type Field = keyof typeof directiveIds.fields;

function formSchema(locale: Locale) {
  const text = directiveText[locale];
  // Text is stored composed (NFC) with single spaces, so what was typed on any keyboard compares alike.
  const clean = (value: string | undefined) =>
    (value ?? '')
      .normalize('NFC')
      .replace(/[ \t]+/g, ' ')
      .trim();
  const required = (label: string, limit: number) =>
    z
      .string()
      .optional()
      .transform(clean)
      .pipe(z.string().min(1, text.required(label)).max(limit, text.tooLong(label, limit)));
  const optional = (label: string, limit: number) =>
    z
      .string()
      .optional()
      .transform(clean)
      .pipe(z.string().max(limit, text.tooLong(label, limit)))
      .transform((value) => value || null);
  const number = (label: string) =>
    required(label, FIELD_LIMITS.directiveNumber)
      .transform((value) => value.replace(/\s*([/-])\s*/g, '$1'))
      .refine((value) => parseDirectiveNumber(value) !== undefined, text.numberFormat);
  return z
    .object({
      number: number(text.fieldNumber),
      // A known kind from the list, or the kind named beside “Loại khác”.
      kind: z
        .string(text.chooseKind)
        .refine(
          (value) => value === directiveIds.otherKindValue || (DIRECTIVE_KINDS as readonly string[]).includes(value),
          text.chooseKind,
        ),
      kindOther: optional(text.fieldKindOther, FIELD_LIMITS.directiveKind),
      issuer: required(text.fieldIssuer, FIELD_LIMITS.directiveIssuer),
      issuedOn: z.string(text.chooseDate).refine((value) => parseLocalDate(value) !== null, text.chooseDate),
      expiredOn: z
        .string()
        .nullish()
        .transform((value) => value || null)
        .refine((value) => value === null || parseLocalDate(value) !== null, text.chooseDate),
      replacedBy: optional(text.fieldReplacedBy, FIELD_LIMITS.directiveNumber)
        .transform((value) => value?.replace(/\s*([/-])\s*/g, '$1') ?? null)
        .refine((value) => value === null || parseDirectiveNumber(value) !== undefined, text.numberFormat),
      title: required(text.fieldTitle, FIELD_LIMITS.directiveTitle),
      summary: optional(text.fieldSummary, FIELD_LIMITS.directiveSummary),
      url: optional(text.fieldUrl, FIELD_LIMITS.directiveUrl).pipe(
        z.union([z.null(), z.url({ protocol: /^https?$/, hostname: z.regexes.domain, error: text.url })]),
      ),
      tags: z
        .string()
        .optional()
        .transform((value) => distinctTags(clean(value)))
        .pipe(z.array(z.string().max(MAX_TAG_LENGTH, text.tooManyTags(MAX_TAGS))).max(MAX_TAGS, text.tooManyTags(MAX_TAGS))),
    })
    .superRefine((form, context) => {
      if (form.kind === directiveIds.otherKindValue && !form.kindOther)
        context.addIssue({ code: 'custom', path: ['kindOther'], message: text.nameOtherKind });
      if (form.expiredOn && form.expiredOn <= form.issuedOn)
        context.addIssue({ code: 'custom', path: ['expiredOn'], message: text.expiredBeforeIssued });
      if (form.replacedBy && directiveNumberKey(form.replacedBy) === directiveNumberKey(form.number))
        context.addIssue({ code: 'custom', path: ['replacedBy'], message: text.replacesItself });
    })
    .transform(
      ({ kind, kindOther, ...rest }): DirectiveInput => ({
        ...rest,
        kind: kind === directiveIds.otherKindValue ? kindOther! : kind,
      }),
    );
}

/** Tags typed with commas (or semicolons, or one a line), trimmed, the same tag once however it is accented. */
function distinctTags(typed: string): string[] {
  const seen = new Set<string>();
  return typed
    .split(/[,;\n]/)
    .map((tag) => tag.trim())
    .filter((tag) => {
      const key = foldVietnamese(tag);
      if (!tag || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/**
 * Reads and validates the modal's state; on failure one message per block_id (the first problem of
 * each field), ready for `ack({ response_action: 'errors', errors })`.
 */
export function readDirectiveForm(
  values: Record<string, Record<string, InputState | undefined> | undefined>,
  locale: Locale,
): DirectiveForm {
  const state = (field: Field) => values[directiveIds.fields[field]]?.[directiveIds.inputAction];
  const raw = {
    number: state('number')?.value ?? undefined,
    kind: state('kind')?.selected_option?.value,
    kindOther: state('kindOther')?.value ?? undefined,
    issuer: state('issuer')?.value ?? undefined,
    issuedOn: state('issuedOn')?.selected_date ?? undefined,
    expiredOn: state('expiredOn')?.selected_date ?? undefined,
    replacedBy: state('replacedBy')?.value ?? undefined,
    title: state('title')?.value ?? undefined,
    summary: state('summary')?.value ?? undefined,
    url: state('url')?.value ?? undefined,
    tags: state('tags')?.value ?? undefined,
  };
  const parsed = formSchema(locale).safeParse(raw);
  if (parsed.success) return { ok: true, input: parsed.data };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const blockId = directiveIds.fields[issue.path[0] as Field];
    if (blockId && !(blockId in errors)) errors[blockId] = issue.message;
  }
  return { ok: false, errors };
}
