import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { computeStandings } from '../../src/domain/ranking';
import type { ScoringCriterion } from '../../src/domain/scoring';
import {
  buildStandingsSvg,
  type ChartRow,
  chartRowsFromStandings,
  escapeXml,
  renderStandingsChart,
  wrapText,
} from '../../src/standings/chart';
import { CHART_FONT_FAMILY, CHART_FONT_FILES, fontMetrics } from '../../src/standings/fonts';

const ROWS: ChartRow[] = [
  { label: 'Công an tỉnh', total: 97.25, rank: 1 },
  { label: 'Viện Kiểm sát nhân dân tỉnh', total: 58.5, rank: 2, tie: true },
  { label: 'Tòa án nhân dân tỉnh', total: 58.5, rank: 2, tie: true },
  { label: 'Cục Thi hành án dân sự tỉnh', total: 0, rank: 4, notReported: true },
];

function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

function rows(count: number): ChartRow[] {
  return Array.from({ length: count }, (_, index) => ({ label: `Đơn vị số ${index + 1}`, total: 100 - index * 3, rank: index + 1 }));
}

const VIETNAMESE_LETTERS = 'aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ';

describe('the fonts shipped for the chart', () => {
  it('are present', () => {
    expect(existsSync(CHART_FONT_FILES.regular)).toBe(true);
    expect(existsSync(CHART_FONT_FILES.bold)).toBe(true);
  });

  it('draw every Vietnamese letter, lower and upper case, regular and bold', () => {
    for (const weight of ['regular', 'bold'] as const) {
      const metrics = fontMetrics(weight);
      const missing = [...VIETNAMESE_LETTERS, ...VIETNAMESE_LETTERS.toUpperCase()].filter((letter) => !metrics.hasGlyph(letter));
      expect(missing).toEqual([]);
      expect(metrics.hasGlyph('\ue000')).toBe(false);
    }
  });

  it('measure text as resvg lays it out', () => {
    for (const label of ['Cục Thi hành án dân sự tỉnh', 'Sở Lao động, Thương binh và Xã hội', 'Bộ Chỉ huy Quân sự tỉnh']) {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="2000" height="60"><text x="0" y="40" font-size="20">${label}</text></svg>`;
      const laidOut = new Resvg(svg, {
        font: { fontFiles: [CHART_FONT_FILES.regular], loadSystemFonts: false, defaultFontFamily: CHART_FONT_FAMILY },
      }).getBBox()!.width;
      const measured = fontMetrics('regular').measure(label, 20);
      // The bounding box leaves out the side bearings of the first and last letters: a few px.
      expect(measured).toBeGreaterThanOrEqual(laidOut);
      expect(measured - laidOut).toBeLessThan(6);
    }
  });

  it('measures decomposed and composed Vietnamese alike', () => {
    const composed = 'Tòa án nhân dân tỉnh';
    expect(fontMetrics('regular').measure(composed.normalize('NFD'), 17)).toBeCloseTo(fontMetrics('regular').measure(composed, 17), 9);
  });
});

describe('buildStandingsSvg', () => {
  it('writes rank, name and the total the Vietnamese way, and marks ties and missing reports', () => {
    const svg = buildStandingsSvg({ title: 'Bảng tổng hợp điểm — Khối thi đua Nội chính', rows: ROWS, locale: 'vi' });
    expect(svg).toContain('>97,25<');
    expect(svg.match(/>58,50</g)).toHaveLength(2);
    expect(svg.match(/>đồng hạng</g)).toHaveLength(2);
    expect(svg).toContain('Đồng hạng — cần Khối bình xét');
    expect(svg).toContain('>chưa báo cáo<');
    expect(svg).not.toContain('>0,00<');
    expect(svg).toContain('>Cục Thi hành án dân sự tỉnh<');
  });

  it('writes English figures for an English organisation', () => {
    const svg = buildStandingsSvg({ title: 'Score summary', rows: ROWS, locale: 'en' });
    expect(svg).toContain('>58.50<');
    expect(svg).toContain('>tied<');
    expect(svg).toContain('>not reported<');
  });

  it('shows more decimals only where different ranks would look equal', () => {
    const svg = buildStandingsSvg({
      title: 'T',
      rows: [
        { label: 'A', total: 88.504, rank: 1 },
        { label: 'B', total: 88.501, rank: 2 },
        { label: 'C', total: 70, rank: 3 },
      ],
      locale: 'vi',
    });
    expect(svg).toContain('>88,504<');
    expect(svg).toContain('>88,501<');
    expect(svg).toContain('>70,00<');
  });

  it('escapes XML special characters in names and titles', async () => {
    const svg = buildStandingsSvg({
      title: 'Khối <A> & "B"',
      subtitle: "Quý I 'x'",
      rows: [{ label: 'Sở <Tư> pháp & "Công" \u0007an', total: 50, rank: 1 }],
      locale: 'vi',
    });
    expect(svg).toContain('Khối &lt;A&gt; &amp; &quot;B&quot;');
    expect(svg).toContain('Quý I &apos;x&apos;');
    expect(svg).toContain('Sở &lt;Tư&gt; pháp &amp; &quot;Công&quot; an');
    expect(escapeXml('a&b<c>d"e\'f')).toBe('a&amp;b&lt;c&gt;d&quot;e&apos;f');
    await expect(
      renderStandingsChart({ title: 'Khối <A> & "B"', rows: [{ label: '<script>&', total: 1, rank: 1 }], locale: 'vi' }),
    ).resolves.toBeInstanceOf(Buffer);
  });

  it('fits a long name in two lines of the label column', () => {
    const long = 'Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh Vĩnh Phúc và các cơ quan trực thuộc khác';
    const lines = wrapText(long, 300, 17, 'regular', 2);
    expect(lines).toHaveLength(2);
    expect(lines[1]!.endsWith('…')).toBe(true);
    for (const line of lines) expect(fontMetrics('regular').measure(line, 17)).toBeLessThanOrEqual(300);
    expect(wrapText('Sở Tư pháp', 300, 17, 'regular', 2)).toEqual(['Sở Tư pháp']);
    const width = fontMetrics('regular').measure('Sở Kế hoạch và', 17) + 1;
    expect(wrapText('Sở Kế hoạch và Đầu tư', width, 17, 'regular', 2)).toEqual(['Sở Kế hoạch và', 'Đầu tư']);
  });

  it('says so when there is nobody to rank', () => {
    expect(buildStandingsSvg({ title: 'T', rows: [], locale: 'vi' })).toContain('Chưa có đơn vị nào để xếp hạng.');
  });
});

describe('renderStandingsChart', () => {
  it('renders a PNG whose height grows with the number of units', async () => {
    const three = pngSize(await renderStandingsChart({ title: 'Khối thi đua', rows: rows(3), locale: 'vi' }));
    const twenty = pngSize(await renderStandingsChart({ title: 'Khối thi đua', rows: rows(20), locale: 'vi' }));
    expect(three.width).toBe(2000);
    expect(twenty.width).toBe(2000);
    expect(twenty.height).toBeGreaterThan(three.height + 17 * 60);
  });

  it('really draws the labels', async () => {
    const named = await renderStandingsChart({ title: 'Khối', rows: ROWS, locale: 'vi' });
    const unnamed = await renderStandingsChart({ title: 'Khối', rows: ROWS.map((row) => ({ ...row, label: '' })), locale: 'vi' });
    expect(pngSize(named)).toEqual(pngSize(unnamed));
    expect(named.equals(unnamed)).toBe(false);
    const accented = await renderStandingsChart({
      title: 'Khối',
      rows: [{ label: 'Tòa án nhân dân tỉnh', total: 50, rank: 1 }],
      locale: 'vi',
    });
    const plain = await renderStandingsChart({
      title: 'Khối',
      rows: [{ label: 'Toa an nhan dan tinh', total: 50, rank: 1 }],
      locale: 'vi',
    });
    expect(accented.equals(plain)).toBe(false);
  });

  it('takes its rows from computed standings', () => {
    const criteria: ScoringCriterion[] = [{ id: 1, code: '1', name: 'Chấp hành', groupName: 'Nhóm', kind: 'yes_no', maxPoints: 5 }];
    const standings = computeStandings(criteria, [
      { unitId: 10, targets: new Map() },
      { unitId: 11, targets: new Map(), report: { values: new Map([[1, { value: 1 }]]), late: false } },
    ]);
    const names = new Map([
      [10, 'Sở Tư pháp'],
      [11, 'Thanh tra tỉnh'],
    ]);
    expect(chartRowsFromStandings(standings, (id) => names.get(id)!)).toEqual([
      { label: 'Thanh tra tỉnh', total: 5, rank: 1, tie: false, notReported: false },
      { label: 'Sở Tư pháp', total: 0, rank: 2, tie: false, notReported: true },
    ]);
  });
});
