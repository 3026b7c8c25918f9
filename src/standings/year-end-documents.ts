import type * as Docx from 'docx';
import type { ITableCellOptions, Paragraph, Table, TableCell, TextRun } from 'docx';
import { localDateOf } from '../domain/calendar';
import type { ProposalOutcome } from '../domain/commendations';
import { totalDecimals } from '../domain/ranking';
import { formatPoints, formatTime } from '../i18n/format';
import { periodInSentence } from '../i18n/period-names';
import { type Decision, type Opening, unitNameIn } from './deliberation-record';
import { periodLabel } from './standings-text';

/**
 * The year-end documents a block files with the province, as DOCX in the administrative format of
 * Nghị định 30/2020/NĐ-CP: A4, margins 20 mm top and bottom, 30 mm left, 20 mm right; Times New Roman,
 * 14 pt text and 13 pt tables; the issuer on the left (the province in capitals, the block in bold
 * capitals, the number line), the national heading on the right ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
 * "Độc lập - Tự do - Hạnh phúc" underlined) over the place and date in italics ("Vĩnh Phúc, ngày 05
 * tháng 02 năm 2022": day and month under 10 — and months 1, 2 — with a leading zero); the title in
 * bold capitals; signature blocks at the end.
 *
 * - The minutes (Biên bản họp bình xét thi đua): time and form of the meeting (a secret ballot in
 *   Slack), chair, the units present (those that voted), the year's score table, the tallies of each
 *   title and what they decided, the election of next year's lead and deputy, conclusions; signed by
 *   the secretary and the chair.
 * - The proposal (Tờ trình đề nghị khen thưởng) to the province's Emulation Council: the legal basis
 *   (the law in force at the document's date), the units proposed for each title with their score,
 *   rank, grade and agreeing ballots, the places left to the province, next year's lead and deputy;
 *   "Nơi nhận" and the lead's signature block.
 *
 * Built from the deliberation's frozen record, so the documents say what was voted on. Vietnamese
 * only: they are documents of the Vietnamese administration.
 */
export type YearEndDocument = 'minutes' | 'proposal';

export const YEAR_END_DOCUMENTS: readonly YearEndDocument[] = ['minutes', 'proposal'];

/** bien-ban-binh-xet-NOI_CHINH-2021.docx, to-trinh-khen-thuong-NOI_CHINH-2021.docx */
/** docx, loaded when the first document is built: only the year end builds them, so a start does not pay for it. */
let docx: typeof Docx;

export function documentFileName(document: YearEndDocument, opening: Pick<Opening, 'block' | 'year'>): string {
  return `${document === 'minutes' ? 'bien-ban-binh-xet' : 'to-trinh-khen-thuong'}-${opening.block.code}-${opening.year}.docx`;
}

export function documentTitle(document: YearEndDocument, opening: Pick<Opening, 'block' | 'year'>): string {
  return document === 'minutes'
    ? `Biên bản họp bình xét thi đua năm ${opening.year} — ${opening.block.name}`
    : `Tờ trình đề nghị khen thưởng năm ${opening.year} — ${opening.block.name}`;
}

export interface DocumentContext {
  /** The organisation (organization.name), e.g. "UBND tỉnh Vĩnh Phúc". */
  organisation: string;
  zone: string;
}

const FONT = 'Times New Roman';
/** Half-points: 14 pt text, 13 pt tables and headings, 12 pt small print. */
const SIZE = { text: 28, table: 26, small: 24 } as const;
/** Twips (1 mm ≈ 56.7 twips): A4 with 20 / 20 / 30 / 20 mm margins. */
const PAGE = { width: 11906, height: 16838, margin: { top: 1134, bottom: 1134, left: 1701, right: 1134 } } as const;

const upper = (text: string) => text.toLocaleUpperCase('vi');

/**
 * The place name of the date line and the council the proposal goes to: "UBND tỉnh Vĩnh Phúc" →
 * "Vĩnh Phúc", "Hội đồng Thi đua – Khen thưởng tỉnh Vĩnh Phúc"; a city keeps "Thành phố"; any other
 * organisation is its own place and its council is unnamed.
 */
export function placeOf(organisation: string): { place: string; council: string } {
  const trimmed = organisation.trim();
  const council = 'Hội đồng Thi đua – Khen thưởng';
  const province = /^(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+tỉnh\s+(.+)$/iu.exec(trimmed);
  if (province) return { place: province[1]!, council: `${council} tỉnh ${province[1]}` };
  const city = /^(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+thành phố\s+(.+)$/iu.exec(trimmed);
  if (city) return { place: `Thành phố ${city[1]}`, council: `${council} thành phố ${city[1]}` };
  return { place: trimmed, council };
}

/** "Vĩnh Phúc, ngày 05 tháng 02 năm 2022" (Nghị định 30/2020: a leading zero for days under 10 and months 1, 2). */
export function placeAndDate(place: string, localDate: string): string {
  const [year, month, day] = localDate.split('-').map(Number) as [number, number, number];
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${place}, ngày ${pad(day)} tháng ${month <= 2 ? pad(month) : String(month)} năm ${year}`;
}

function run(text: string, options: { bold?: boolean; italics?: boolean; size?: number; underline?: boolean } = {}): TextRun {
  return new docx.TextRun({
    text,
    font: FONT,
    size: options.size ?? SIZE.text,
    ...(options.bold ? { bold: true } : {}),
    ...(options.italics ? { italics: true } : {}),
    ...(options.underline ? { underline: {} } : {}),
  });
}

function paragraph(
  content: string | TextRun[],
  options: {
    align?: 'center' | 'left' | 'right' | 'both';
    bold?: boolean;
    italics?: boolean;
    size?: number;
    indent?: boolean;
    after?: number;
    before?: number;
    /** Kept on the page of the next paragraph (titles, signature blocks). */
    keep?: boolean;
  } = {},
): Paragraph {
  const align = {
    center: docx.AlignmentType.CENTER,
    left: docx.AlignmentType.LEFT,
    right: docx.AlignmentType.RIGHT,
    both: docx.AlignmentType.JUSTIFIED,
  }[options.align ?? 'both'];
  return new docx.Paragraph({
    alignment: align,
    ...(options.keep ? { keepNext: true, keepLines: true } : {}),
    spacing: { before: options.before ?? 0, after: options.after ?? 100, line: 288 },
    ...(options.indent ? { indent: { firstLine: 567 } } : {}),
    children: typeof content === 'string' ? [run(content, options)] : content,
  });
}

const centered = (text: string, options: Parameters<typeof paragraph>[1] = {}) =>
  paragraph(text, { ...options, align: 'center', after: options.after ?? 0 });

function cell(children: Paragraph[], options: Partial<ITableCellOptions> = {}): TableCell {
  return new docx.TableCell({
    children,
    verticalAlign: docx.VerticalAlign.CENTER,
    margins: { left: 80, right: 80, top: 40, bottom: 40 },
    ...options,
  });
}

/** A two-column borderless table: the issuer on the left, the national heading on the right (or two signature blocks). */
function sideBySide(left: Paragraph[], right: Paragraph[], leftShare = 40): Table {
  const width = PAGE.width - PAGE.margin.left - PAGE.margin.right;
  const leftWidth = Math.round((width * leftShare) / 100);
  return new docx.Table({
    width: { size: width, type: docx.WidthType.DXA },
    columnWidths: [leftWidth, width - leftWidth],
    borders: docx.TableBorders.NONE,
    rows: [
      // Never split across pages: a signature block stays whole.
      new docx.TableRow({
        cantSplit: true,
        children: [cell(left, { verticalAlign: docx.VerticalAlign.TOP }), cell(right, { verticalAlign: docx.VerticalAlign.TOP })],
      }),
    ],
  });
}

/** A bordered table: a bold header row, then the rows; column widths as shares of the text width. */
function grid(headers: string[], rows: string[][], shares: number[]): Table {
  const width = PAGE.width - PAGE.margin.left - PAGE.margin.right;
  const total = shares.reduce((sum, share) => sum + share, 0);
  const widths = shares.map((share) => Math.round((width * share) / total));
  const line = { style: docx.BorderStyle.SINGLE, size: 4, color: '000000' };
  const textCell = (text: string, header: boolean, column: number) =>
    cell([paragraph(text, { bold: header, size: SIZE.table, align: header || column !== 1 ? 'center' : 'left', after: 0 })]);
  return new docx.Table({
    width: { size: width, type: docx.WidthType.DXA },
    columnWidths: widths,
    borders: { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line },
    rows: [
      new docx.TableRow({ tableHeader: true, cantSplit: true, children: headers.map((header, column) => textCell(header, true, column)) }),
      ...rows.map((row) => new docx.TableRow({ cantSplit: true, children: row.map((text, column) => textCell(text, false, column)) })),
    ],
  });
}

/** The top of every document: issuer and number on the left, national heading and date line on the right. */
function heading(context: DocumentContext, opening: Opening, numberLine: string, dateLine: string): Table {
  return sideBySide(
    [
      centered(upper(context.organisation), { size: SIZE.table }),
      centered(upper(opening.block.name), { bold: true, size: SIZE.table }),
      centered('———————', { size: SIZE.small }),
      centered(numberLine, { size: SIZE.table, before: 60 }),
    ],
    [
      centered('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: SIZE.small }),
      paragraph([run('Độc lập - Tự do - Hạnh phúc', { bold: true, underline: true })], { align: 'center', after: 0 }),
      centered(dateLine, { italics: true, before: 240 }),
    ],
    40,
  );
}

/** "09 giờ 30 ngày 15/12/2021" in the organisation's zone. */
function when(instant: number, zone: string): string {
  const at = new Date(instant);
  const [hours, minutes] = formatTime(at, zone).split(':');
  const [year, month, day] = localDateOf(at, zone).split('-');
  return `${hours} giờ ${minutes} ngày ${day}/${month}/${year}`;
}

const OUTCOME: Record<ProposalOutcome, string> = {
  proposed: 'Đề nghị',
  not_passed: 'Không đủ số phiếu đồng ý',
  over_limit: 'Ngoài số lượng',
  province_decides: 'Bằng phiếu ở suất cuối: đề nghị tỉnh quyết định',
  other_title: 'Đã đề nghị danh hiệu khác',
};

const SHARE: Record<string, string> = { more_than_half: 'trên một nửa', two_thirds: 'từ hai phần ba trở lên' };
const shareWords = (rule: Opening['rules']['quorum']) =>
  rule.kind === 'share' ? `từ ${formatPoints(rule.share * 100, 'vi', 0)}% trở lên` : SHARE[rule.kind]!;

/** The year's score table: rank order, with each counted period when the year is their average. */
function scoreTable(opening: Opening): Table {
  const record = opening.standings;
  const decimals = totalDecimals(
    record.rows.map((row) => ({ total: row.total, rank: row.rank, notReported: !row.reported })),
    record.gradeFloors,
  );
  const counted = record.rule === 'average' ? record.periods.filter((period) => record.counted.includes(period.id)) : [];
  const headers = [
    'STT',
    'Đơn vị',
    ...counted.map((period) => period.name),
    record.rule === 'average' ? 'Điểm bình quân' : 'Tổng điểm',
    'Hạng',
    'Xếp loại',
  ];
  const rows = record.rows.map((row, index) => [
    String(index + 1),
    row.unitName,
    ...counted.map((period) => {
      const result = row.periods[record.periods.indexOf(period)]!;
      return result.reported ? formatPoints(result.total, 'vi') : 'Không báo cáo';
    }),
    row.reported ? formatPoints(row.total, 'vi', decimals[index]) : '',
    row.reported ? `${row.rank}${row.tie ? ' (đồng hạng)' : ''}` : '',
    row.grade ?? 'Chưa có kết quả',
  ]);
  return grid(headers, rows, [8, 32, ...counted.map(() => 12), 14, 14, 22]);
}

function ruleSentence(opening: Opening): string {
  const record = opening.standings;
  if (record.rule === 'final_period') {
    const period = record.periods.find((candidate) => candidate.id === record.counted[0])!;
    return `Kết quả năm là kết quả chấm điểm ${periodInSentence(periodLabel(period, 'vi'))}, theo điểm Trưởng khối đã thẩm định.`;
  }
  return `Kết quả năm là trung bình cộng tổng điểm các kỳ (${record.periods
    .filter((period) => record.counted.includes(period.id))
    .map((period) => periodInSentence(periodLabel(period, 'vi')))
    .join('; ')}), theo điểm Trưởng khối đã thẩm định; kỳ đơn vị không báo cáo tính 0 điểm.`;
}

function electionLine(opening: Opening, result: Decision['lead'], role: string): string {
  const counts = result.counts
    .filter((count) => count.votes > 0)
    .map((count) => `${unitNameIn(opening, count.unitId)}: ${count.votes} phiếu`)
    .join('; ');
  const outcome =
    result.winner !== undefined
      ? `${unitNameIn(opening, result.winner)} được bầu làm ${role} năm ${opening.year + 1}`
      : result.tied.length
        ? `${result.tied.map((unitId) => unitNameIn(opening, unitId)).join('; ')} bằng phiếu, đề nghị tỉnh xem xét, quyết định ${role} năm ${opening.year + 1}`
        : `chưa có phiếu bầu ${role}`;
  return `${upper(role.charAt(0))}${role.slice(1)} năm ${opening.year + 1}: ${counts || 'không có phiếu'}. Kết quả: ${outcome}.`;
}

function document(opening: Opening, title: string, children: (Paragraph | Table)[]): Promise<Buffer> {
  const file = new docx.Document({
    creator: `${opening.block.name} — Thi Đua`,
    title,
    styles: { default: { document: { run: { font: FONT, size: SIZE.text } } } },
    sections: [
      {
        properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: PAGE.margin } },
        // The body ends with a paragraph, as Word writes it: a table last is laid out oddly by some readers.
        children: [...children, new docx.Paragraph({ children: [] })],
      },
    ],
  });
  return docx.Packer.toBuffer(file);
}

/** Biên bản họp bình xét thi đua. */
export async function minutesDocx(context: DocumentContext, opening: Opening, decision: Decision): Promise<Buffer> {
  docx ??= await import('docx');
  const { place } = placeOf(context.organisation);
  const closedOn = localDateOf(new Date(decision.closedAt), context.zone);
  const voters = new Set(decision.voters);
  const present = opening.members.filter((member) => voters.has(member.id)).map((member) => member.name);
  const absent = opening.members.filter((member) => !voters.has(member.id)).map((member) => member.name);
  const chair = opening.lead?.name ?? 'đơn vị Trưởng khối';
  const children: (Paragraph | Table)[] = [
    heading(context, opening, 'Số: ….../BB-KTĐ', placeAndDate(place, closedOn)),
    centered('BIÊN BẢN', { bold: true, before: 360 }),
    centered(`Họp bình xét thi đua năm ${opening.year} của ${opening.block.name}`, { bold: true, after: 240 }),
    paragraph(
      `Thời gian: từ ${when(opening.openedAt, context.zone)} (mở bình xét) đến ${when(decision.closedAt, context.zone)} (kết thúc bỏ phiếu).`,
      { indent: true },
    ),
    paragraph('Hình thức: bỏ phiếu kín trực tuyến; mỗi đơn vị thành viên một phiếu do cán bộ phụ trách thi đua của đơn vị bỏ.', {
      indent: true,
    }),
    paragraph(`Chủ trì: ${chair} (đơn vị Trưởng khối năm ${opening.year}).`, { indent: true }),
    paragraph(
      `Thành phần: ${present.length}/${opening.members.length} đơn vị thành viên tham gia bỏ phiếu: ${present.join('; ')}.${absent.length ? ` Không tham gia bỏ phiếu: ${absent.join('; ')}.` : ''}`,
      { indent: true },
    ),
    paragraph(`I. KẾT QUẢ CHẤM ĐIỂM THI ĐUA NĂM ${opening.year}`, { bold: true, before: 120 }),
    paragraph(ruleSentence(opening), { indent: true }),
    scoreTable(opening),
    paragraph('II. KẾT QUẢ BỎ PHIẾU BÌNH XÉT, SUY TÔN', { bold: true, before: 240 }),
    paragraph(
      `Số đơn vị thành viên: ${opening.members.length}; số phiếu bỏ: ${decision.ballots}; kết quả hợp lệ khi có ít nhất ${opening.quorumNeeded} phiếu (${shareWords(opening.rules.quorum)} số đơn vị thành viên).`,
      { indent: true },
    ),
  ];
  decision.titles.forEach((title, index) => {
    const rule = opening.rules.titles[index]!;
    children.push(
      paragraph(
        `${index + 1}. ${title.title} (${title.limit === null ? 'không giới hạn số đơn vị' : `tối đa ${title.limit} đơn vị`}; thông qua khi ${shareWords(rule.threshold)} số phiếu đồng ý, tức ít nhất ${title.needed}/${decision.ballots} phiếu):`,
        { bold: true, italics: true, indent: true, before: 120 },
      ),
      title.entries.length
        ? grid(
            ['STT', 'Đơn vị', 'Hạng', 'Đồng ý', 'Không đồng ý', 'Kết quả'],
            title.entries.map((entry, position) => [
              String(position + 1),
              unitNameIn(opening, entry.unitId),
              `${entry.rank}${entry.tie ? ' (đồng hạng)' : ''}`,
              String(entry.tally.agree),
              String(entry.tally.disagree),
              OUTCOME[entry.outcome],
            ]),
            [8, 30, 14, 10, 12, 26],
          )
        : paragraph('Không đơn vị nào đủ điều kiện đề nghị.', { indent: true }),
    );
  });
  children.push(
    paragraph(`III. BẦU TRƯỞNG KHỐI, PHÓ KHỐI NĂM ${opening.year + 1}`, { bold: true, before: 240 }),
    paragraph(electionLine(opening, decision.lead, 'Trưởng khối'), { indent: true }),
    paragraph(electionLine(opening, decision.deputy, 'Phó khối'), { indent: true }),
    paragraph('IV. KẾT LUẬN', { bold: true, before: 240 }),
    ...conclusions(opening, decision).map((line) => paragraph(line, { indent: true })),
    paragraph(
      `Biên bản lập xong lúc ${when(decision.closedAt, context.zone)}, gửi các đơn vị thành viên và Ban Thi đua – Khen thưởng tỉnh. Bỏ phiếu kín: biên bản chỉ ghi số phiếu, không ghi đơn vị nào chọn gì.`,
      { indent: true, italics: true, keep: true },
    ),
    sideBySide(
      [centered('THƯ KÝ', { bold: true, before: 240 }), centered('(Ký, ghi rõ họ tên)', { italics: true, size: SIZE.small, after: 1200 })],
      [
        centered('CHỦ TRÌ', { bold: true, before: 240 }),
        centered(`ĐẠI DIỆN ${upper(chair)}`, { bold: true, size: SIZE.table }),
        centered('(Ký, ghi rõ họ tên)', { italics: true, size: SIZE.small, after: 1200 }),
      ],
      50,
    ),
  );
  return document(opening, documentTitle('minutes', opening), children);
}

/** What the block proposes, title by title, and the places left to the province. */
function conclusions(opening: Opening, decision: Decision): string[] {
  const lines = decision.titles.map((title) => {
    const proposed = title.entries.filter((entry) => entry.outcome === 'proposed').map((entry) => unitNameIn(opening, entry.unitId));
    const province = title.entries
      .filter((entry) => entry.outcome === 'province_decides')
      .map((entry) => unitNameIn(opening, entry.unitId));
    return `${title.title}: ${proposed.length ? `đề nghị ${proposed.join('; ')}` : 'không có đơn vị được đề nghị'}${province.length ? `; đề nghị tỉnh xem xét, quyết định giữa ${province.join('; ')} (bằng điểm và bằng phiếu)` : ''}.`;
  });
  return lines.length ? lines : ['Năm nay Khối không đề nghị danh hiệu nào.'];
}

/** The legal basis in force on the document's date: the law of 2022 from 01/01/2024, before it the law of 2003 as amended. */
function legalBasis(localDate: string): string {
  return localDate >= '2024-01-01'
    ? 'Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;'
    : 'Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng ngày 14 tháng 6 năm 2005 và ngày 16 tháng 11 năm 2013;';
}

/** Tờ trình đề nghị khen thưởng. */
export async function proposalDocx(context: DocumentContext, opening: Opening, decision: Decision): Promise<Buffer> {
  docx ??= await import('docx');
  const { place, council } = placeOf(context.organisation);
  const closedOn = localDateOf(new Date(decision.closedAt), context.zone);
  const children: (Paragraph | Table)[] = [
    heading(context, opening, 'Số: ….../TTr-KTĐ', placeAndDate(place, closedOn)),
    centered('TỜ TRÌNH', { bold: true, before: 360 }),
    centered(`Về việc đề nghị khen thưởng năm ${opening.year}`, { bold: true }),
    centered('———————', { size: SIZE.small, after: 120 }),
    centered(`Kính gửi: ${council}.`, { after: 240 }),
    paragraph(legalBasis(closedOn), { indent: true, italics: true }),
    paragraph(`Căn cứ Quy chế hoạt động và kết quả chấm điểm thi đua năm ${opening.year} của ${opening.block.name};`, {
      indent: true,
      italics: true,
    }),
    paragraph(
      `Căn cứ kết quả bình xét, bỏ phiếu kín của các đơn vị thành viên (${decision.ballots}/${opening.members.length} đơn vị bỏ phiếu, kết thúc lúc ${when(decision.closedAt, context.zone)}),`,
      { indent: true, italics: true },
    ),
    paragraph(`${opening.block.name} kính trình ${council} xem xét, đề nghị khen thưởng các tập thể sau:`, { indent: true }),
  ];
  decision.titles.forEach((title, index) => {
    const proposed = title.entries.filter((entry) => entry.outcome === 'proposed');
    const province = title.entries.filter((entry) => entry.outcome === 'province_decides');
    const count = proposed.length + (province.length && title.limit !== null ? Math.max(0, title.limit - proposed.length) : 0);
    children.push(
      paragraph(`${index + 1}. ${title.title}: ${String(count).padStart(2, '0')} tập thể`, { bold: true, indent: true, before: 120 }),
    );
    const rows = [...proposed, ...province].map((entry, position) => [
      String(position + 1),
      unitNameIn(opening, entry.unitId),
      formatPoints(entry.total, 'vi'),
      `${entry.rank}${entry.tie ? ' (đồng hạng)' : ''}`,
      entry.grade ?? '',
      `${entry.tally.agree}/${decision.ballots}`,
      entry.outcome === 'proposed' ? '' : 'Bằng phiếu ở suất cuối: đề nghị Hội đồng xem xét, quyết định',
    ]);
    children.push(
      rows.length
        ? grid(['STT', 'Tên tập thể', 'Tổng điểm', 'Hạng', 'Xếp loại', 'Phiếu đồng ý', 'Ghi chú'], rows, [8, 28, 11, 14, 16, 11, 16])
        : paragraph('Không có tập thể được đề nghị.', { indent: true }),
    );
  });
  const lead = decision.lead.winner !== undefined ? unitNameIn(opening, decision.lead.winner) : undefined;
  const deputy = decision.deputy.winner !== undefined ? unitNameIn(opening, decision.deputy.winner) : undefined;
  children.push(
    paragraph(
      lead
        ? `Đồng thời, ${opening.block.name} thống nhất đề nghị ${lead} làm Trưởng khối${deputy ? `, ${deputy} làm Phó khối` : ''} năm ${opening.year + 1}.`
        : `Các đơn vị chưa thống nhất được Trưởng khối năm ${opening.year + 1} (bằng phiếu); đề nghị tỉnh xem xét, quyết định.`,
      { indent: true, before: 120 },
    ),
    paragraph('(Gửi kèm Biên bản họp bình xét thi đua và Bảng tổng hợp điểm của Khối.)', { indent: true, italics: true }),
    // The closing line goes with the signature block, so the signature never stands alone on a page.
    paragraph(`Kính trình ${council} xem xét, quyết định./.`, { indent: true, keep: true }),
    sideBySide(
      [
        paragraph([run('Nơi nhận:', { bold: true, italics: true, size: SIZE.small })], { align: 'left', after: 0, before: 240 }),
        ...['- Như trên;', '- Ban Thi đua – Khen thưởng tỉnh;', '- Các đơn vị thành viên Khối;', '- Lưu: VT.'].map((line) =>
          paragraph([run(line, { size: 22 })], { align: 'left', after: 0 }),
        ),
      ],
      [
        centered(`TM. ${upper(opening.block.name)}`, { bold: true, before: 240, size: SIZE.table }),
        centered('TRƯỞNG KHỐI', { bold: true, size: SIZE.table }),
        centered('(Ký, ghi rõ họ tên và đóng dấu)', { italics: true, size: SIZE.small, after: 1200 }),
        centered(opening.lead?.name ?? '', { bold: true }),
      ],
      45,
    ),
  );
  return document(opening, documentTitle('proposal', opening), children);
}
