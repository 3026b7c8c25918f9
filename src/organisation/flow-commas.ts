import type { Document } from 'yaml';
import { yaml } from './yaml';

/**
 * People write organisation files like the published example:
 *   { code: "2", name: Cải cách hành chính, chuyển đổi số, max: 10 }
 * Inside a YAML flow mapping an unquoted comma ends the value, so "chuyển đổi số" becomes a key
 * with no value. Such a fragment — a bare item whose key is not a field of the file — is joined
 * back to the text value before it, which is what the writer meant. Real keys are never touched.
 */
export function rejoinFlowCommas(document: Document, knownKeys: ReadonlySet<string>, source?: string): void {
  const { isPair, isScalar, visit } = yaml();
  visit(document, {
    Map(_key, map) {
      if (!map.flow) return;
      for (let index = 1; index < map.items.length; index++) {
        const item = map.items[index]!;
        const previous = map.items[index - 1]!;
        const bareFragment =
          isPair(item) && item.value === null && isScalar(item.key) && typeof item.key.value === 'string' && !knownKeys.has(item.key.value);
        const previousIsText = isPair(previous) && isScalar(previous.value) && typeof previous.value.value === 'string';
        if (bareFragment && previousIsText) {
          const text = previous.value as { value: string; range?: [number, number, number] | null };
          const key = item.key as { value: string; range?: [number, number, number] | null };
          text.value += `${separatorBetween(source, text.range, key.range)}${key.value}`;
          map.items.splice(index, 1);
          index -= 1;
        }
      }
    },
  });
}

/**
 * The comma as written: "0,5 điểm" stays "0,5 điểm" (a decimal comma), "chuyển đổi số, max" keeps its
 * space. Without the source text (or its positions) a comma and one space.
 */
function separatorBetween(
  source: string | undefined,
  before: [number, number, number] | null | undefined,
  after: [number, number, number] | null | undefined,
): string {
  if (source === undefined || !before || !after) return ', ';
  const between = source.slice(before[1], after[0]);
  if (!/^\s*,\s*$/.test(between)) return ', ';
  return /,\s/.test(between) ? ', ' : ',';
}

/** Every key the organisation file knows, so that only fragments are rejoined. */
export const ORGANISATION_FILE_KEYS: ReadonlySet<string> = new Set([
  'organization',
  'name',
  'timezone',
  'locale',
  'admins',
  'holidays',
  'quiet_hours',
  'from',
  'to',
  'titles',
  'units',
  'code',
  'officers',
  'blocks',
  'channel',
  'directives',
  'number',
  'kind',
  'issuer',
  'issued',
  'title',
  'summary',
  'url',
  'tags',
  'years',
  'year',
  'theme',
  'pledge_due',
  'leads',
  'lead',
  'deputy',
  'periods',
  'start',
  'end',
  'due',
  'reminders',
  'before_days',
  'at',
  'overdue_every_days',
  'overdue_in_channel',
  'nudge_interval_minutes',
  'resubmission_working_days',
  'criteria',
  'group',
  'max',
  'unit',
  'report_grace_hours',
  'summary_at',
  'summary_latest_days',
  'report_opens_days',
  'grades',
  'min',
  'no_zero_criterion',
  // Version 2
  'levels',
  'points',
  'each',
  'tiers',
  'at_least',
  'indicators',
  'weight',
  'applies_to',
  'scored_by',
  'source',
  'items',
  'groups',
  'not_applicable',
  'min_share_each',
  'expired',
  'replaced_by',
  // The year end
  'year_result',
  'commendations',
  'quorum',
  'one_title_per_unit',
  'min_grade',
  'registered',
  'no_deduction',
  'max_units',
  'max_share',
  'threshold',
]);
