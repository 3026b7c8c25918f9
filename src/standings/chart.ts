import { type Standings, totalDecimals } from '../domain/ranking';
import { formatNumber, formatPoints } from '../i18n/format';
import type { Locale } from '../i18n/messages';
import { CHART_FONT_FAMILY, CHART_FONT_FILES, type FontWeight, fontMetrics } from './fonts';
import { standingsText } from './standings-text';

/**
 * The standings as a PNG bar chart for the block's channel: one horizontal bar per unit in rank order
 * (rank, unit name, bar, total), ties in amber and labelled, units without a report in grey at the
 * end. Drawn as SVG and rasterised in-process by resvg with the shipped DejaVu fonts, so Vietnamese
 * renders the same on every server and no browser is needed.
 */
export interface ChartRow {
  label: string;
  /** Points, full precision; shown with two decimals, more only when different ranks would look equal. */
  total: number;
  rank: number;
  tie?: boolean;
  notReported?: boolean;
}

export interface StandingsChartInput {
  title: string;
  subtitle?: string;
  /** In rank order (as computeStandings returns them). */
  rows: readonly ChartRow[];
  locale: Locale;
  /** The points at the right end of the axis; default: a round number at or above the highest total. */
  maxScale?: number;
}

/** The chart rows of computed standings, names looked up by unit id. */
export function chartRowsFromStandings(standings: Standings, unitName: (unitId: number) => string): ChartRow[] {
  return standings.rows.map((row) => ({
    label: unitName(row.unitId),
    total: row.total,
    rank: row.rank,
    tie: row.tie,
    notReported: !row.reported,
  }));
}

// Logical pixels; the PNG is drawn at ZOOM× for sharp text when Slack shows it full size.
const WIDTH = 1000;
const PAD = 32;
const TITLE_SIZE = 26;
const SUBTITLE_SIZE = 17;
const LABEL_SIZE = 17;
const LINE_GAP = 21;
const ROW_HEIGHT = 42;
const BAR_HEIGHT = 22;
const RANK_WIDTH = 40;
const LABEL_MIN = 180;
const LABEL_MAX = 360;
/** Room right of the longest bar for the value and the tie mark. */
const VALUE_ROOM = 190;
const ZOOM = 2;

const COLOR = {
  text: '#1f2933',
  muted: '#616e7c',
  grid: '#d9dee4',
  axis: '#9aa5b1',
  stripe: '#f5f7fa',
  bar: '#2f6db3',
  tieBar: '#d9941e',
  tieMarkFill: '#fdf1dc',
  tieMarkText: '#8a5300',
};

/** Text for an SVG document: XML-escaped, control characters XML cannot hold removed. */
export function escapeXml(text: string): string {
  return (
    text
      .normalize('NFC')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML 1.0 forbids, removed on purpose.
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

/** Shortens `text` with an ellipsis until it fits `width` px. */
function ellipsize(text: string, width: number, size: number, weight: FontWeight): string {
  const metrics = fontMetrics(weight);
  if (metrics.measure(text, size) <= width) return text;
  const characters = [...text.normalize('NFC')];
  while (characters.length > 0 && metrics.measure(`${characters.join('').trimEnd()}…`, size) > width) characters.pop();
  return `${characters.join('').trimEnd()}…`;
}

/** Word-wraps `text` into at most `maxLines` lines of `width` px; the last line is ellipsized if need be. */
export function wrapText(text: string, width: number, size: number, weight: FontWeight, maxLines: number): string[] {
  const metrics = fontMetrics(weight);
  const words = text.normalize('NFC').trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let current = '';
  for (let index = 0; index < words.length; index++) {
    const candidate = current ? `${current} ${words[index]}` : words[index]!;
    if (!current || metrics.measure(candidate, size) <= width) {
      current = candidate;
      continue;
    }
    if (lines.length === maxLines - 1) {
      current = candidate;
      continue;
    }
    lines.push(current);
    current = words[index]!;
  }
  if (current || lines.length === 0) lines.push(current);
  return lines.map((line, index) =>
    index === lines.length - 1 || metrics.measure(line, size) > width ? ellipsize(line, width, size, weight) : line,
  );
}

/** A round step (1, 2, 2.5 or 5 × 10^k) giving about `count` intervals up to `top`. */
function niceStep(top: number, count: number): number {
  const raw = top / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].find((factor) => factor * magnitude >= raw)!;
  return step * magnitude;
}

function scaleOf(rows: readonly ChartRow[], maxScale: number | undefined): { scale: number; step: number } {
  if (maxScale !== undefined && Number.isFinite(maxScale) && maxScale > 0) return { scale: maxScale, step: niceStep(maxScale, 5) };
  const top = Math.max(0, ...rows.filter((row) => !row.notReported && Number.isFinite(row.total)).map((row) => row.total));
  if (top === 0) return { scale: 100, step: 20 };
  const step = niceStep(top, 5);
  return { scale: Math.ceil(top / step - 1e-9) * step, step };
}

interface TextOptions {
  size: number;
  weight?: FontWeight;
  fill?: string;
  anchor?: 'start' | 'middle' | 'end';
}

function text(x: number, y: number, content: string, options: TextOptions): string {
  const weight = options.weight === 'bold' ? ' font-weight="bold"' : '';
  const anchor = options.anchor && options.anchor !== 'start' ? ` text-anchor="${options.anchor}"` : '';
  return `<text x="${round(x)}" y="${round(y)}" font-size="${options.size}"${weight}${anchor} fill="${options.fill ?? COLOR.text}">${escapeXml(content)}</text>`;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** The chart as an SVG document (pure; sizes in logical px, height grows with the rows). */
export function buildStandingsSvg(input: StandingsChartInput): string {
  const words = standingsText[input.locale];
  const rows = input.rows;
  const parts: string[] = [];
  const contentWidth = WIDTH - 2 * PAD;

  let y = PAD;
  for (const line of wrapText(input.title, contentWidth, TITLE_SIZE, 'bold', 2)) {
    y += TITLE_SIZE + (y > PAD ? 8 : 0);
    parts.push(text(PAD, y, line, { size: TITLE_SIZE, weight: 'bold' }));
  }
  if (input.subtitle) {
    y += 10 + SUBTITLE_SIZE;
    parts.push(text(PAD, y, ellipsize(input.subtitle, contentWidth, SUBTITLE_SIZE, 'regular'), { size: SUBTITLE_SIZE, fill: COLOR.muted }));
  }
  y += 28;

  const labelX = PAD + RANK_WIDTH + 12;
  const widest = Math.max(0, ...rows.map((row) => fontMetrics('regular').measure(row.label, LABEL_SIZE)));
  const labelWidth = Math.min(LABEL_MAX, Math.max(LABEL_MIN, Math.ceil(widest) + 4));
  const barX = labelX + labelWidth + 16;
  const barWidth = WIDTH - PAD - VALUE_ROOM - barX;
  const { scale, step } = scaleOf(rows, input.maxScale);
  const xOf = (points: number) => barX + (Math.min(Math.max(points, 0), scale) / scale) * barWidth;

  const labels = rows.map((row) => wrapText(row.label, labelWidth, LABEL_SIZE, 'regular', 2));
  const heights = labels.map((lines) => ROW_HEIGHT + (lines.length - 1) * LINE_GAP);
  const rowsTop = y;
  const rowsHeight = heights.reduce((sum, height) => sum + height, 0);

  // Drawn after the row stripes and before the bars, so bars and text sit on top of it.
  const ticks: number[] = [];
  for (let tick = 0; tick <= scale + 1e-9; tick += step) ticks.push(tick);
  const grid: string[] = [];
  for (const tick of ticks) {
    const x = round(xOf(tick));
    grid.push(
      `<line x1="${x}" y1="${rowsTop}" x2="${x}" y2="${rowsTop + rowsHeight}" stroke="${tick === 0 ? COLOR.axis : COLOR.grid}" stroke-width="1"/>`,
    );
    grid.push(text(x, rowsTop + rowsHeight + 20, formatNumber(tick, input.locale), { size: 13, fill: COLOR.muted, anchor: 'middle' }));
  }
  grid.push(text(xOf(ticks.at(-1)!) + 24, rowsTop + rowsHeight + 20, words.points, { size: 13, fill: COLOR.muted }));

  const decimals = totalDecimals(rows);
  const stripes: string[] = [];
  const body: string[] = [];
  rows.forEach((row, index) => {
    const height = heights[index]!;
    const middle = y + height / 2;
    if (index % 2 === 0)
      stripes.push(`<rect x="${PAD - 8}" y="${round(y)}" width="${contentWidth + 16}" height="${height}" fill="${COLOR.stripe}"/>`);
    const muted = row.notReported ? COLOR.muted : COLOR.text;
    body.push(text(PAD + RANK_WIDTH, middle + 6, String(row.rank), { size: LABEL_SIZE, weight: 'bold', anchor: 'end', fill: muted }));
    const lines = labels[index]!;
    lines.forEach((line, at) => {
      body.push(text(labelX, middle + 6 + (at - (lines.length - 1) / 2) * LINE_GAP, line, { size: LABEL_SIZE, fill: muted }));
    });
    if (row.notReported) {
      body.push(text(barX + 8, middle + 6, words.notReported, { size: 15, fill: COLOR.muted }));
    } else {
      const end = xOf(row.total);
      if (end > barX)
        body.push(
          `<rect x="${barX}" y="${round(middle - BAR_HEIGHT / 2)}" width="${round(end - barX)}" height="${BAR_HEIGHT}" rx="3" fill="${row.tie ? COLOR.tieBar : COLOR.bar}"/>`,
        );
      const value = formatPoints(row.total, input.locale, decimals[index]);
      const valueX = Math.max(end, barX) + 8;
      body.push(text(valueX, middle + 6, value, { size: LABEL_SIZE, weight: 'bold' }));
      if (row.tie) {
        const markX = valueX + fontMetrics('bold').measure(value, LABEL_SIZE) + 10;
        const markWidth = fontMetrics('regular').measure(words.tieShort, 13) + 14;
        body.push(
          `<rect x="${round(markX)}" y="${round(middle - 11)}" width="${round(markWidth)}" height="22" rx="11" fill="${COLOR.tieMarkFill}" stroke="${COLOR.tieBar}" stroke-width="1"/>`,
        );
        body.push(text(markX + markWidth / 2, middle + 4.5, words.tieShort, { size: 13, fill: COLOR.tieMarkText, anchor: 'middle' }));
      }
    }
    y += height;
  });

  if (rows.length === 0) {
    body.push(text(PAD, y + 28, words.noUnits, { size: LABEL_SIZE, fill: COLOR.muted }));
    y += 40;
  }
  y += rows.length > 0 ? 34 : 0;

  const footer: string[] = [];
  if (rows.some((row) => row.tie)) {
    y += 22;
    footer.push(`<rect x="${PAD}" y="${y - 13}" width="16" height="16" rx="3" fill="${COLOR.tieBar}"/>`);
    footer.push(text(PAD + 24, y, capitalise(words.tie), { size: 15 }));
  }
  if (rows.some((row) => row.notReported)) {
    y += 24;
    footer.push(text(PAD, y, words.notReportedLegend, { size: 15, fill: COLOR.muted }));
  }
  const height = Math.ceil(y + PAD);

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="${CHART_FONT_FAMILY}">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    ...parts,
    ...stripes,
    ...(rows.length > 0 ? grid : []),
    ...body,
    ...footer,
    '</svg>',
  ].join('\n');
}

function capitalise(line: string): string {
  return line.charAt(0).toLocaleUpperCase('vi') + line.slice(1);
}

/**
 * The chart as a PNG (white background, 2000 px wide), rendered in-process with the shipped fonts.
 * resvg (a native module) is loaded on the first chart, not when the bot starts.
 */
export async function renderStandingsChart(input: StandingsChartInput): Promise<Buffer> {
  const { Resvg } = await import('@resvg/resvg-js');
  const resvg = new Resvg(buildStandingsSvg(input), {
    fitTo: { mode: 'zoom', value: ZOOM },
    background: '#ffffff',
    font: { fontFiles: [CHART_FONT_FILES.regular, CHART_FONT_FILES.bold], loadSystemFonts: false, defaultFontFamily: CHART_FONT_FAMILY },
  });
  return resvg.render().asPng();
}
