/**
 * The Chinese font of every generated document: Noto Sans Hans (Noto Sans S Chinese, SIL OFL 1.1)
 * from the npm package `@embedpdf/fonts-sc`: one OpenType file per weight covering all of
 * GB 18030-2000's ideographs (U+4E00–9FA5 and Extension A U+3400–4DB5), so rare name characters
 * such as 堃犇喆昇燊珺䶮 print. Characters beyond it (e.g. Extension B 𠮷) have no glyph: a
 * document containing one is refused naming the character, never printed with a blank box.
 *
 * The files are read once per process; pdfkit embeds only the glyphs a document uses.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import { Problem } from '../problem.js';

export const FONT_PACKAGE = '@embedpdf/fonts-sc';
export const FONT_FILES = { regular: 'NotoSansHans-Regular.otf', bold: 'NotoSansHans-Bold.otf' } as const;
export type FontWeight = keyof typeof FONT_FILES;

/** The folder holding the package's .otf files. */
export function fontDir(): string {
  // the package exports only its (ESM/CJS) index; the fonts sit beside dist/
  const entry = createRequire(import.meta.url).resolve(FONT_PACKAGE);
  return join(dirname(entry), '..', 'fonts');
}

const buffers = new Map<FontWeight, Buffer>();

/** The bytes of one weight, read once. Throws (loudly) when the font package is missing. */
export function fontBytes(weight: FontWeight = 'regular'): Buffer {
  let b = buffers.get(weight);
  if (!b) {
    const file = join(fontDir(), FONT_FILES[weight]);
    try {
      b = readFileSync(file);
    } catch (err) {
      throw new Error(`Chinese font ${FONT_FILES[weight]} not found (npm package ${FONT_PACKAGE}): ${(err as Error).message}`);
    }
    buffers.set(weight, b);
  }
  return b;
}

/** What we use of fontkit's font object (reached through pdfkit: no second font library). */
interface FontkitFont {
  hasGlyphForCodePoint(cp: number): boolean;
  layout(text: string): unknown;
  postscriptName: string;
}

const parsed = new Map<FontWeight, FontkitFont>();

/**
 * The parsed font of one weight, shared by every document: pdfkit accepts a fontkit font object
 * as a font source, and parsing the 8 MB file anew for each document would cost ~100 ms.
 */
export function fontkitFont(weight: FontWeight = 'regular'): FontkitFont {
  let f = parsed.get(weight);
  if (!f) {
    const doc = new PDFDocument({ autoFirstPage: false });
    doc.font(fontBytes(weight));
    f = (doc as unknown as { _font: { font: FontkitFont } })._font.font;
    parsed.set(weight, f);
  }
  return f;
}

/** Registers the regular ('R') and bold ('B') weights with a document. */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  doc.registerFont('R', fontkitFont('regular') as unknown as PDFKit.Mixins.PDFFontSource);
  doc.registerFont('B', fontkitFont('bold') as unknown as PDFKit.Mixins.PDFFontSource);
}

/** Variation selectors and zero-width joiners: not drawn, never a reason to refuse. */
const INVISIBLE = /[\u200b-\u200d\u2060\ufe00-\ufe0f\u{e0100}-\u{e01ef}]/gu;

/** The text as it will be drawn: invisible selectors dropped. */
export const printable = (text: string): string => text.replace(INVISIBLE, '');

export interface MissingGlyph {
  char: string;
  /** e.g. 'U+20BB7' */
  codePoint: string;
  /** where it was found (a field name), when the caller said */
  field?: string;
}

const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/** The characters of `text` that either weight cannot draw (controls such as \n are fine). */
export function missingGlyphs(text: string): MissingGlyph[] {
  const fonts = [fontkitFont('regular'), fontkitFont('bold')];
  const seen = new Set<number>();
  const out: MissingGlyph[] = [];
  for (const ch of printable(text)) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x20 || seen.has(cp)) continue;
    seen.add(cp);
    if (!fonts.every((f) => f.hasGlyphForCodePoint(cp))) out.push({ char: ch, codePoint: hex(cp) });
  }
  return out;
}

export const glyphMissing = (missing: MissingGlyph[]): Problem => {
  const list = missing.map((m) => `“${m.char}”(${m.codePoint}${m.field ? `, ${m.field}` : ''})`).join('、');
  const first = missing[0];
  return new Problem(
    422,
    'glyph_missing',
    {
      zh: `文书字体缺少字符 ${list}，无法生成文书：请核对该字符或联系管理员`,
      en: `The document font has no glyph for ${list}; the document cannot be produced`,
    },
    { field: first?.field, extra: { characters: missing } },
  );
};

/**
 * Throws a 422 `glyph_missing` Problem naming every character (and its code point) that the
 * font cannot draw. Each entry is [field, text].
 */
export function assertPrintable(entries: [field: string, text: string][]): void {
  const missing: MissingGlyph[] = [];
  const seen = new Set<string>();
  for (const [field, text] of entries) {
    for (const m of missingGlyphs(text)) {
      if (seen.has(m.codePoint)) continue;
      seen.add(m.codePoint);
      missing.push({ ...m, field });
    }
  }
  if (missing.length > 0) throw glyphMissing(missing);
}
