import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The fonts the chart is drawn with, shipped as a dependency so the picture never depends on what the
 * server has installed: DejaVu Sans covers every Vietnamese letter precomposed (ạ ầ ẫ ễ ộ ữ đ ...).
 * The advance widths are read from the font itself, so labels are measured, not guessed.
 */
const resolve = createRequire(import.meta.url).resolve;

export const CHART_FONT_FAMILY = 'DejaVu Sans';
export const CHART_FONT_FILES = {
  regular: resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
} as const;

export type FontWeight = keyof typeof CHART_FONT_FILES;

export interface FontMetrics {
  /** Width of `text` in pixels at `fontSize` px, without kerning (kerning only narrows a line). */
  measure(text: string, fontSize: number): number;
  /** The font draws this character itself (it is not the missing-glyph box). */
  hasGlyph(character: string): boolean;
}

const cache = new Map<FontWeight, FontMetrics>();

export function fontMetrics(weight: FontWeight): FontMetrics {
  let metrics = cache.get(weight);
  if (!metrics) {
    metrics = readMetrics(readFileSync(CHART_FONT_FILES[weight]));
    cache.set(weight, metrics);
  }
  return metrics;
}

/**
 * A TrueType file's horizontal advances per character: `head` (units per em), `hhea` and `hmtx`
 * (advances per glyph) and the Unicode BMP `cmap` subtable (format 4), which holds every Vietnamese
 * letter. Characters the font lacks measure as its missing-glyph box, as they would render.
 */
export function readMetrics(font: Buffer): FontMetrics {
  const tables = new Map<string, number>();
  const tableCount = font.readUInt16BE(4);
  for (let index = 0; index < tableCount; index++) {
    const record = 12 + index * 16;
    tables.set(font.toString('latin1', record, record + 4), font.readUInt32BE(record + 8));
  }
  const offsetOf = (tag: string) => {
    const offset = tables.get(tag);
    if (offset === undefined) throw new Error(`font has no ${tag} table`);
    return offset;
  };

  const unitsPerEm = font.readUInt16BE(offsetOf('head') + 18);
  const longMetrics = font.readUInt16BE(offsetOf('hhea') + 34);
  const hmtx = offsetOf('hmtx');
  const advanceOf = (glyph: number) => font.readUInt16BE(hmtx + 4 * Math.min(glyph, longMetrics - 1));

  const cmap = offsetOf('cmap');
  let format4: number | undefined;
  for (let index = 0; index < font.readUInt16BE(cmap + 2); index++) {
    const record = cmap + 4 + index * 8;
    const platform = font.readUInt16BE(record);
    const encoding = font.readUInt16BE(record + 2);
    const subtable = cmap + font.readUInt32BE(record + 4);
    if (font.readUInt16BE(subtable) === 4 && (platform === 0 || (platform === 3 && encoding === 1))) format4 = subtable;
  }
  if (format4 === undefined) throw new Error('font has no Unicode BMP cmap');
  const table = format4;
  const segments = font.readUInt16BE(table + 6) / 2;
  const ends = table + 14;
  const starts = ends + 2 * segments + 2;
  const deltas = starts + 2 * segments;
  const rangeOffsets = deltas + 2 * segments;

  const glyphOf = (codePoint: number): number => {
    for (let segment = 0; segment < segments; segment++) {
      if (codePoint > font.readUInt16BE(ends + 2 * segment)) continue;
      const start = font.readUInt16BE(starts + 2 * segment);
      if (codePoint < start) return 0;
      const delta = font.readUInt16BE(deltas + 2 * segment);
      const rangeAt = rangeOffsets + 2 * segment;
      const rangeOffset = font.readUInt16BE(rangeAt);
      if (rangeOffset === 0) return (codePoint + delta) & 0xffff;
      const glyph = font.readUInt16BE(rangeAt + rangeOffset + 2 * (codePoint - start));
      return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
    }
    return 0;
  };

  const advances = new Map<number, number>();
  const advanceOfCharacter = (codePoint: number): number => {
    let advance = advances.get(codePoint);
    if (advance === undefined) {
      advance = codePoint > 0xffff ? advanceOf(0) : advanceOf(glyphOf(codePoint));
      advances.set(codePoint, advance);
    }
    return advance;
  };

  return {
    measure(text: string, fontSize: number): number {
      let units = 0;
      for (const character of text.normalize('NFC')) units += advanceOfCharacter(character.codePointAt(0)!);
      return (units / unitsPerEm) * fontSize;
    },
    hasGlyph(character: string): boolean {
      const codePoint = character.normalize('NFC').codePointAt(0)!;
      return codePoint <= 0xffff && glyphOf(codePoint) !== 0;
    },
  };
}
