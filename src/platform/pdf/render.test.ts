import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { Problem } from '../problem.js';
import { CODE128_PATTERNS } from './code128.js';
import { FONT_PACKAGE, assertPrintable, fontDir, missingGlyphs } from './fonts.js';
import { chineseDate, renderDocument, type DocumentSpec } from './render.js';

// jsqr is CommonJS with a default export: reach it the same way under tsc and at run time
const jsQR = ((jsQRModule as unknown as { default?: typeof jsQRModule }).default ?? jsQRModule) as unknown as (
  data: Uint8ClampedArray,
  width: number,
  height: number,
) => { data: string } | null;

const CASE_NO = '371311202603160000012';
const NAMES = ['王堃', '李犇', '张喆', '陈昇', '刘燊', '赵珺'];
const VERIFY_URL = `http://localhost:3000/portal/progress?case=${CASE_NO}`;

const spec = (over: Partial<DocumentSpec> = {}): DocumentSpec => ({
  title: '受理通知书',
  docNo: CASE_NO,
  issuer: '临沂市罗庄区政务服务中心',
  date: '2026-03-16',
  recipient: NAMES[0],
  blocks: [
    { kind: 'paragraph', text: '你（单位）于2026年3月16日提出的食品经营许可（新办）申请，申请材料齐全、符合法定形式，根据《中华人民共和国行政许可法》第三十二条的规定，决定予以受理。' },
    {
      kind: 'table',
      rows: [
        { label: '申请人', value: NAMES[0] },
        { label: '共同申请人', value: NAMES.slice(1).join('、') },
        { label: '事项名称', value: '食品经营许可（新办）' },
        { label: '承诺办结时限', value: '5 个工作日，预计 2026年3月23日 前办结' },
      ],
    },
    { kind: 'heading', text: '已收取的申请材料' },
    { kind: 'list', items: ['食品经营许可申请书（原件 1 份）', '营业执照（电子证照，免提交）', '食品安全管理制度（容缺受理）'] },
    { kind: 'list', ordered: false, items: ['䶮：扩展 A 区字符也能打印'] },
  ],
  qr: { text: VERIFY_URL, caption: '扫码查询办理进度' },
  seal: { label: '业务专用章' },
  footerNote: '本文书由一窗通系统生成',
  ...over,
});

const work = mkdtempSync(join(tmpdir(), 'ow-pdf-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function pdfToText(pdf: Buffer): string {
  const file = join(work, `t-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

/** Page 1 as a PNG (pdftoppm), decoded. */
function rasterize(pdf: Buffer, dpi: number): PNG {
  const base = join(work, `r-${Math.random().toString(36).slice(2)}`);
  writeFileSync(`${base}.pdf`, pdf);
  execFileSync('pdftoppm', ['-png', '-r', String(dpi), '-f', '1', '-l', '1', '-singlefile', `${base}.pdf`, base]);
  return PNG.sync.read(readFileSync(`${base}.png`));
}

const caught = async (p: Promise<unknown>): Promise<Problem> => {
  try {
    await p;
  } catch (e) {
    return e as Problem;
  }
  throw new Error('expected an error');
};

describe('the font', () => {
  it(`comes from ${FONT_PACKAGE} and covers rare name characters in both weights`, () => {
    expect(fontDir()).toContain('@embedpdf');
    expect(missingGlyphs(`${NAMES.join('')}䶮㛃罗庄区政务服务中心（）：；、“”《》—…·•№ABCabc0123456789`)).toEqual([]);
  });

  it('names the characters it lacks', () => {
    expect(missingGlyphs('张𠮷王\uE000')).toEqual([
      { char: '𠮷', codePoint: 'U+20BB7' },
      { char: '\uE000', codePoint: 'U+E000' },
    ]);
    // variation selectors and line breaks are not characters to refuse
    expect(missingGlyphs('王堃\uFE00\n\t')).toEqual([]);
    expect(() => assertPrintable([['applicant.name', '𠮷']])).toThrow(/𠮷.*U\+20BB7.*applicant\.name/);
  });
});

describe('renderDocument', () => {
  it('prints rare names and the case number (pdftotext finds them)', async () => {
    const pdf = await renderDocument(spec());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    mkdirSync('/tmp/ow-pdf', { recursive: true });
    writeFileSync('/tmp/ow-pdf/test-acceptance.pdf', pdf);
    const text = pdfToText(pdf);
    for (const name of NAMES) expect(text).toContain(name);
    expect(text).toContain(CASE_NO);
    expect(text).toContain('䶮');
    const flat = text.replace(/\s+/g, '');
    expect(flat).toContain('受理通知书'); // the title, letter-spaced
    expect(text).toContain('临沂市罗庄区政务服务中心');
    expect(text).toContain('2026年3月16日');
    expect(flat).toContain('第1页/共1页');
  });

  it('refuses a document with a character the font lacks, naming it, before drawing anything', async () => {
    const ext = await caught(renderDocument(spec({ recipient: '张𠮷' })));
    expect(ext).toBeInstanceOf(Problem);
    expect(ext).toMatchObject({ status: 422, code: 'glyph_missing', field: 'recipient' });
    expect(ext.text.zh).toContain('𠮷');
    expect(ext.text.en).toContain('U+20BB7');
    expect(ext.extra).toEqual({ characters: [{ char: '𠮷', codePoint: 'U+20BB7', field: 'recipient' }] });

    const pua = await caught(renderDocument(spec({ blocks: [{ kind: 'table', rows: [{ label: '申请人', value: '李\uE000' }] }] })));
    expect(pua).toMatchObject({ code: 'glyph_missing', field: 'blocks.0.rows.0.value' });
    expect(pua.text.en).toContain('U+E000');
  });

  it('gives the same bytes for the same spec, render after render', async () => {
    const runs = await Promise.all([renderDocument(spec()), renderDocument(spec()), renderDocument(spec())]);
    expect(runs[1].equals(runs[0])).toBe(true);
    expect(runs[2].equals(runs[0])).toBe(true);
    const other = await renderDocument(spec({ date: '2026-03-17' }));
    expect(other.equals(runs[0])).toBe(false);
  });

  it('draws a QR code that decodes to the given text', async () => {
    const png = rasterize(await renderDocument(spec()), 150);
    const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(code?.data).toBe(VERIFY_URL);
  });

  it('draws a Code 128 barcode that reads back as the case number', async () => {
    const dpi = 300;
    const png = rasterize(await renderDocument(spec({ qr: undefined })), dpi);
    // the barcode sits in the right half of the page, ~97–123 pt from the top: find the row
    // crossing the most bars and read its runs
    const dark = (x: number, y: number) => png.data[(y * png.width + x) * 4] < 128;
    let best: number[] = [];
    for (let yPt = 95; yPt <= 125; yPt += 2) {
      const y = Math.round((yPt * dpi) / 72);
      const runs: number[] = [];
      let x = Math.round(png.width / 2);
      while (x < png.width && !dark(x, y)) x++;
      let current = true;
      let len = 0;
      for (; x < png.width; x++) {
        if (dark(x, y) === current) len++;
        else {
          runs.push(len);
          current = !current;
          len = 1;
        }
      }
      if (runs.length > best.length) best = runs;
    }
    // module width from the start symbol (211214 = 11 modules)
    const module = best.slice(0, 6).reduce((a, b) => a + b, 0) / 11;
    const widths = best.map((r) => Math.max(1, Math.round(r / module)));
    const values: number[] = [];
    for (let i = 0; i + 6 <= widths.length; i += 6) {
      const v = CODE128_PATTERNS.indexOf(widths.slice(i, i + 6).join(''));
      if (v === -1 && widths.slice(i, i + 7).join('') === CODE128_PATTERNS[106]) break;
      values.push(v);
    }
    expect(values[0]).toBe(104); // start B
    const data = values.slice(1, -1);
    const check = values.at(-1);
    expect(String.fromCharCode(...data.map((v) => v + 32))).toBe(CASE_NO);
    expect(check).toBe(data.reduce((s, v, i) => s + v * (i + 1), 104) % 103);
  });

  it('flows long content onto more pages, with running headers and page numbers', async () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ label: `材料 ${i + 1}`, value: `第 ${i + 1} 项申请材料：${NAMES[i % NAMES.length]} 提交的证明文件，原件 1 份、复印件 2 份` }));
    const pdf = await renderDocument(spec({ blocks: [{ kind: 'table', rows: many }, { kind: 'paragraph', text: '以上材料已核验。'.repeat(30) }] }));
    const text = pdfToText(pdf).replace(/\s+/g, '');
    const pages = Number(/共(\d+)页/.exec(text)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    for (let p = 1; p <= pages; p++) expect(text).toContain(`第${p}页/共${pages}页`);
    expect(text).toContain('材料40');
    expect(text.split(`办件编号：${CASE_NO}`).length - 1).toBeGreaterThanOrEqual(pages); // first header + running headers
  });

  it('omits barcode, QR and seal when asked, and prints a non-ASCII number without a barcode', async () => {
    const pdf = await renderDocument(spec({ barcode: false, qr: undefined, seal: false, docNo: '罗政务受〔2026〕12号', docNoLabel: '文号' }));
    expect(pdfToText(pdf)).toContain('文号：罗政务受〔2026〕12号');
  });

  it('formats dates the official way', () => {
    expect(chineseDate('2026-03-06')).toBe('2026年3月6日');
    expect(() => chineseDate('2026/03/06')).toThrow(/YYYY-MM-DD/);
  });
});
