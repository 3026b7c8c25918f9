import type { KnownBlock, ModalView } from '@slack/types';
import { groupCriteria } from '../domain/criteria-table';
import type { EvidenceFile } from '../domain/evidence';
import { formatNumber, formatPoints } from '../i18n/format';
import type { Locale } from '../i18n/messages';
import type { StandingsRecord, StandingsRecordLine } from '../standings/record';
import { basisText } from '../standings/rule-text';
import { periodLabel, standingsText } from '../standings/standings-text';
import { context, escapeMrkdwn, header, mention, packTexts, section } from './blocks';
import { evidenceLines } from './evidence';
import { decimalsOf, rowFlags, standingsViewText } from './standings';

/** The breakdown of one unit (Chi tiết): every criterion's reported value, target, points and who reviewed. */
function value(number: number | null, locale: Locale): string | null {
  return number === null ? null : formatNumber(number, locale, 4);
}

/** Points with their sign where they add to or take from a total: +3,00, −1,00; 0,00 without one. */
function signedPoints(points: number, locale: Locale, sign: '+' | '−' | ''): string {
  const shown = formatPoints(Math.abs(points), locale);
  return points === 0 ? shown : `${sign}${shown}`;
}

/** "1. Hoàn thành chỉ tiêu chuyên môn (%): đạt 95 / chỉ tiêu 100 → 38,00/40", with notes and the reviewer. */
function breakdownLine(
  criterion: StandingsRecord['criteria'][number],
  line: StandingsRecordLine,
  reviewer: string | null,
  locale: Locale,
  zone: string,
): string {
  const text = standingsViewText[locale];
  const words = standingsText[locale];
  const unit = criterion.measureUnit ? ` (${escapeMrkdwn(criterion.measureUnit)})` : '';
  const reported =
    criterion.kind === 'yes_no' && line.reported !== null ? (line.reported > 0 ? words.yes : words.no) : value(line.reported, locale);
  const claimable = criterion.kind === 'bonus' || criterion.kind === 'deduction';
  // The rules of version 2 say which one gave the points (a tier, a level, the bot's own record ...); version 1's kinds say it as before.
  const ruled = basisText(line, criterion, locale, zone);
  const how =
    ruled !== undefined
      ? escapeMrkdwn(ruled)
      : reported === null
        ? claimable
          ? text.noneClaimed[criterion.kind as 'bonus' | 'deduction']
          : text.noValue
        : text.how[criterion.kind](reported, value(line.target, locale));
  // "nothing claimed · the lead accepted 0" says nothing twice.
  const silentReview = claimable && reported === null && line.reviewed === 0;
  const review =
    line.reviewed !== null && !silentReview
      ? text.reviewedBy(
          criterion.kind === 'graded'
            ? 'graded'
            : criterion.kind === 'deduction' && line.reviewed > (line.reported ?? 0)
              ? 'deducted'
              : 'accepted',
          formatNumber(line.reviewed, locale, 4),
          reviewer ? mention(reviewer) : '',
        )
      : '';
  // A lead-scored line has nothing from the unit: the lead's score says it all.
  const said = criterion.rule?.scoredBy === 'lead' && review ? [review] : [how, review];
  const points = signedPoints(line.points, locale, criterion.kind === 'bonus' ? '+' : line.points < 0 ? '−' : '');
  const notes = line.notes.length ? ` _(${line.notes.map((note) => words.notes[note]).join('; ')})_` : '';
  return `*${escapeMrkdwn(criterion.code)}.* ${escapeMrkdwn(criterion.name)}${unit}: ${said.filter(Boolean).join(' · ')} → *${points}*${text.lineMax(formatNumber(criterion.maxPoints, locale))}${notes}`;
}

/** One unit's breakdown as a modal: every criterion by group, the sums, who reviewed, the report's evidence. */
export function buildBreakdownModal(
  record: StandingsRecord,
  unitId: number,
  locale: Locale,
  zone: string,
  evidence: { url: string | null; files: readonly EvidenceFile[] },
): ModalView {
  const text = standingsViewText[locale];
  const row = record.rows.find((candidate) => candidate.unitId === unitId);
  const modal = (blocks: KnownBlock[]): ModalView => ({
    type: 'modal',
    title: { type: 'plain_text', text: text.modalTitle },
    close: { type: 'plain_text', text: text.close },
    blocks,
  });
  const period = periodLabel(record.period, locale);
  if (!row) return modal([section(escapeMrkdwn(text.noMembers(record.block.name)))]);
  const blocks: KnownBlock[] = [header(row.unitName), context(escapeMrkdwn(`${period} · ${record.block.name}`))];
  if (!row.reported) return modal([...blocks, section(escapeMrkdwn(text.notReportedDetail(row.unitName, period)))]);

  const decimals = decimalsOf(record)[record.rows.indexOf(row)]!;
  const flags = rowFlags(row, locale);
  blocks.push(
    section(
      `${text.rankLine(row.rank, row.tie, formatPoints(row.total, locale, decimals), escapeMrkdwn(row.gradeProvisional ? text.provisional(row.grade ?? '') : (row.grade ?? '')))}${flags.length ? `\n_${flags.join(' · ')}_` : ''}`,
    ),
  );
  const lines = new Map(row.lines.map((line) => [line.criterionId, line]));
  for (const group of groupCriteria(record.criteria)) {
    const items = group.criteria.flatMap((criterion) => {
      const line = lines.get(criterion.id);
      return line ? [breakdownLine(criterion, line, row.reviewerUserId, locale, zone)] : [];
    });
    blocks.push(...packTexts([`*${escapeMrkdwn(group.name)}*`, ...items], '\n').map((chunk) => section(chunk)));
  }
  const adjustments = [
    ...(row.groups ?? [])
      .filter((group) => group.sum > group.max)
      .map((group) => text.groupCapped(escapeMrkdwn(group.name), formatPoints(group.sum, locale), formatNumber(group.max, locale))),
    ...(row.scale
      ? [
          text.rescaled(
            formatPoints((row.scoreSum * row.scale.applicable) / row.scale.base, locale),
            formatNumber(row.scale.base, locale),
            formatNumber(row.scale.applicable, locale),
            formatPoints(row.scoreSum, locale),
          ),
        ]
      : []),
  ];
  if (adjustments.length) blocks.push(section(adjustments.join('\n')));
  blocks.push(
    section(
      text.sums(
        formatPoints(row.scoreSum, locale),
        signedPoints(row.bonus, locale, '+'),
        signedPoints(row.deduction, locale, '−'),
        formatPoints(row.total, locale, decimals),
      ),
    ),
  );
  const reviewed = row.reviewerUserId ? text.reviewer(mention(row.reviewerUserId)) : !row.fullyReviewed ? text.notReviewed : '';
  if (reviewed) blocks.push(context(reviewed));
  blocks.push(...packTexts(evidenceLines(evidence, locale), '\n').map((chunk) => section(chunk)));
  return modal(blocks);
}

// ── Channel post ───────────────────────────────────────────────────────────────────────────
