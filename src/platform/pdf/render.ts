/**
 * A small toolkit for the documents a service centre hands out (受理通知书, 一次性告知书, 决定书,
 * certificates…): A4, a red heading with the issuer's name, the document number with a Code 128
 * barcode, the title, paragraphs / key–value tables / lists, a QR code to verify it, the issuer
 * and date with a red seal, page numbers. Chinese throughout (see fonts.ts): a character the font
 * cannot draw refuses the whole document, naming the character.
 *
 * Deterministic: the same spec gives the same bytes (the PDF dates come from the spec).
 */
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { encodeCode128B, QUIET_ZONE } from './code128.js';
import { assertPrintable, printable, registerFonts } from './fonts.js';

export type Block =
  /** a body paragraph, first line indented by two characters unless `indent: false` */
  | { kind: 'paragraph'; text: string; indent?: boolean }
  /** a section heading */
  | { kind: 'heading'; text: string }
  /** a bordered two-column table of labelled values (申请人, 事项名称, …) */
  | { kind: 'table'; rows: { label: string; value: string }[]; labelWidth?: number }
  /** a numbered (default) or bulleted list, e.g. the missing materials of a one-time notice */
  | { kind: 'list'; items: string[]; ordered?: boolean }
  /** vertical space in points */
  | { kind: 'spacer'; height?: number };

export interface DocumentSpec {
  /** 文书名称, e.g. 受理通知书 */
  title: string;
  /** the document's number: the case number */
  docNo: string;
  /** label before the number; default 办件编号 */
  docNoLabel?: string;
  /** who issues it: the centre or department, e.g. 临沂市罗庄区政务服务中心 */
  issuer: string;
  /** the red heading; default: the issuer */
  heading?: string;
  /** date of issue, YYYY-MM-DD (printed 2026年3月16日) */
  date: string;
  /** salutation line, e.g. the applicant's name (printed "王堃：") */
  recipient?: string;
  blocks: Block[];
  /** a QR code (e.g. the verification or progress URL) with a caption under it */
  qr?: { text: string; caption?: string };
  /** Code 128-B barcode of docNo beside the number; default true (skipped if docNo is not ASCII) */
  barcode?: boolean;
  /** the issuer's red seal over the signature; `label` is the line under the star (e.g. 业务专用章) */
  seal?: boolean | { label?: string };
  /** small print at the foot of every page */
  footerNote?: string;
  /** the PDF's creation instant (ISO-8601); default: the date at 00:00 Asia/Shanghai */
  createdAt?: string;
}

// ---------------------------------------------------------------------------------------------
// Page geometry (points; A4 = 595.28 × 841.89) and style
// ---------------------------------------------------------------------------------------------

const MARGIN = { top: 72, bottom: 66, left: 68, right: 68 };
const RED = '#C8161D';
const INK = '#1a1a1a';
const GREY = '#666666';
const RULE = '#999999';
const LABEL_BG = '#F3F3F3';
const BODY_SIZE = 12.5;
const LINE_GAP = 4;

type Doc = PDFKit.PDFDocument;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `2026-03-16` → `2026年3月16日` (GB/T 9704-2012 writes dates in Arabic numerals). */
export function chineseDate(date: string): string {
  const m = DATE_RE.exec(date);
  if (!m) throw new Error(`date must be YYYY-MM-DD, got ${JSON.stringify(date)}`);
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** Every text of the spec that will be printed, with where it comes from. */
function printedTexts(spec: DocumentSpec): [string, string][] {
  const out: [string, string][] = [
    ['title', spec.title],
    ['docNo', `${spec.docNoLabel ?? '办件编号'}：${spec.docNo}`],
    ['issuer', spec.issuer],
    ['heading', spec.heading ?? spec.issuer],
    ['date', chineseDate(spec.date)],
  ];
  if (spec.recipient) out.push(['recipient', `${spec.recipient}：`]);
  spec.blocks.forEach((b, i) => {
    if (b.kind === 'paragraph' || b.kind === 'heading') out.push([`blocks.${i}.text`, b.text]);
    if (b.kind === 'table') b.rows.forEach((r, j) => out.push([`blocks.${i}.rows.${j}.label`, r.label], [`blocks.${i}.rows.${j}.value`, r.value]));
    if (b.kind === 'list') b.items.forEach((t, j) => out.push([`blocks.${i}.items.${j}`, `${j + 1}. • ${t}`]));
  });
  if (spec.qr?.caption) out.push(['qr.caption', spec.qr.caption]);
  if (spec.footerNote) out.push(['footerNote', spec.footerNote]);
  const seal = sealLabel(spec);
  if (seal) out.push(['seal.label', seal]);
  out.push(['page', '第 0123456789 页 / 共 页']);
  return out;
}

const sealLabel = (spec: DocumentSpec): string | null =>
  !spec.seal ? null : typeof spec.seal === 'object' && spec.seal.label !== undefined ? spec.seal.label : '';

/**
 * Renders the document to PDF bytes. Throws a 422 Problem `glyph_missing` naming any character
 * the font lacks, before anything is drawn.
 */
export async function renderDocument(spec: DocumentSpec): Promise<Buffer> {
  assertPrintable(printedTexts(spec));
  const created = new Date(spec.createdAt ?? `${spec.date}T00:00:00+08:00`);
  if (Number.isNaN(created.getTime())) throw new Error(`invalid createdAt ${spec.createdAt}`);

  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    autoFirstPage: true,
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: `${spec.title} ${spec.docNo}`,
      Author: spec.issuer,
      Subject: spec.docNo,
      Creator: 'OneWindow 一窗通',
      Producer: 'OneWindow 一窗通',
      CreationDate: created,
      ModDate: created,
    },
  });
  registerFonts(doc);

  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  try {
    const qr = spec.qr ? QRCode.create(spec.qr.text, { errorCorrectionLevel: 'M' }) : null;
    drawFirstHeader(doc, spec);
    drawTitle(doc, spec.title);
    if (spec.recipient) {
      doc.font('R').fontSize(BODY_SIZE).fillColor(INK).text(`${printable(spec.recipient)}：`, MARGIN.left, doc.y, { width: contentWidth(doc), lineGap: LINE_GAP });
      doc.moveDown(0.3);
    }
    for (const block of spec.blocks) drawBlock(doc, block);
    drawClosing(doc, spec, qr);
    drawPageFurniture(doc, spec);
  } catch (err) {
    doc.end();
    await done.catch(() => undefined);
    throw err;
  }
  doc.end();
  return done;
}

const contentWidth = (doc: Doc) => doc.page.width - MARGIN.left - MARGIN.right;
const maxY = (doc: Doc) => doc.page.height - MARGIN.bottom;

/** Starts a new page when `height` does not fit below the current position. */
function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > maxY(doc)) {
    doc.addPage();
    doc.y = MARGIN.top;
  }
}

/** Text at an exact place, never wrapped and never starting a page. */
function put(doc: Doc, text: string, x: number, y: number): void {
  doc.text(printable(text), x, y, { lineBreak: false });
}

function fitSize(doc: Doc, font: string, text: string, size: number, width: number, min = 10): number {
  doc.font(font);
  let s = size;
  while (s > min && doc.fontSize(s).widthOfString(text) > width) s -= 0.5;
  return s;
}

// ---------------------------------------------------------------------------------------------
// Header: red heading, double red rule, document number and barcode
// ---------------------------------------------------------------------------------------------

function drawFirstHeader(doc: Doc, spec: DocumentSpec): void {
  const width = contentWidth(doc);
  const heading = printable(spec.heading ?? spec.issuer);
  const size = fitSize(doc, 'B', heading, 24, width);
  const spacing = heading.length <= 14 ? Math.min(3, (width - doc.widthOfString(heading)) / Math.max(1, heading.length)) : 0;
  const headingWidth = doc.widthOfString(heading, { characterSpacing: spacing }) - spacing;
  doc.fillColor(RED).font('B').fontSize(size);
  doc.text(heading, MARGIN.left + (width - headingWidth) / 2, 44, { lineBreak: false, characterSpacing: spacing });

  const ruleY = 44 + size * 1.45 + 6;
  doc.save().lineWidth(2).strokeColor(RED).moveTo(MARGIN.left, ruleY).lineTo(MARGIN.left + width, ruleY).stroke();
  doc.lineWidth(0.6).moveTo(MARGIN.left, ruleY + 3.5).lineTo(MARGIN.left + width, ruleY + 3.5).stroke().restore();

  // number on the left, barcode on the right
  const rowY = ruleY + 12;
  doc.fillColor(INK).font('R').fontSize(10.5);
  put(doc, `${spec.docNoLabel ?? '办件编号'}：${spec.docNo}`, MARGIN.left, rowY + 6);
  let bottom = rowY + 24;
  if (spec.barcode !== false && /^[\x20-\x7e]+$/.test(spec.docNo)) {
    const h = 26;
    const code = encodeCode128B(spec.docNo);
    const module = Math.min(0.9, 190 / (code.modules + 2 * QUIET_ZONE));
    const w = code.modules * module;
    const x = MARGIN.left + width - w;
    drawBars(doc, code.widths, x, rowY, module, h);
    doc.fillColor(INK).font('R').fontSize(7);
    const tw = doc.widthOfString(spec.docNo, { characterSpacing: 0.6 });
    doc.text(spec.docNo, x + (w - tw) / 2, rowY + h + 2, { lineBreak: false, characterSpacing: 0.6 });
    bottom = rowY + h + 12;
  }
  doc.x = MARGIN.left;
  doc.y = bottom + 6;
}

function drawBars(doc: Doc, widths: number[], x: number, y: number, module: number, h: number): void {
  doc.save().fillColor('#000000');
  let cx = x;
  widths.forEach((w, i) => {
    if (i % 2 === 0) doc.rect(cx, y, w * module, h);
    cx += w * module;
  });
  doc.fill().restore();
}

function drawTitle(doc: Doc, title: string): void {
  const width = contentWidth(doc);
  const t = printable(title);
  const spacing = [...t].length <= 8 ? 6 : 0;
  doc.font('B').fontSize(21).fillColor(INK);
  doc.text(t, MARGIN.left, doc.y, { width, align: 'center', characterSpacing: spacing, lineGap: 4 });
  doc.moveDown(0.6);
}

// ---------------------------------------------------------------------------------------------
// Body blocks
// ---------------------------------------------------------------------------------------------

function drawBlock(doc: Doc, block: Block): void {
  const width = contentWidth(doc);
  const left = MARGIN.left;
  switch (block.kind) {
    case 'paragraph': {
      doc.font('R').fontSize(BODY_SIZE).fillColor(INK);
      ensureSpace(doc, BODY_SIZE * 1.6);
      doc.text(printable(block.text), left, doc.y, {
        width,
        indent: block.indent === false ? 0 : BODY_SIZE * 2,
        lineGap: LINE_GAP,
        paragraphGap: 4,
        align: 'left',
      });
      doc.moveDown(0.25);
      return;
    }
    case 'heading': {
      ensureSpace(doc, 40);
      doc.moveDown(0.3);
      doc.font('B').fontSize(13.5).fillColor(INK).text(printable(block.text), left, doc.y, { width, lineGap: 3 });
      doc.moveDown(0.35);
      return;
    }
    case 'spacer': {
      doc.y += block.height ?? 12;
      return;
    }
    case 'list': {
      doc.font('R').fontSize(BODY_SIZE).fillColor(INK);
      const hang = block.ordered === false ? 16 : 26;
      block.items.forEach((item, i) => {
        const text = printable(item);
        const h = doc.heightOfString(text, { width: width - hang - 12, lineGap: LINE_GAP });
        ensureSpace(doc, Math.min(h, BODY_SIZE * 3));
        const y = doc.y;
        const marker = block.ordered === false ? '•' : `${i + 1}.`;
        put(doc, marker, left + 12 + (block.ordered === false ? 2 : 0), y);
        doc.text(text, left + 12 + hang, y, { width: width - hang - 12, lineGap: LINE_GAP });
        doc.y += 1.5;
      });
      doc.x = left;
      doc.moveDown(0.3);
      return;
    }
    case 'table': {
      const labelW = block.labelWidth ?? 118;
      const valueW = width - labelW;
      const pad = 4.5;
      const size = 11.5;
      doc.moveDown(0.2);
      for (const row of block.rows) {
        const label = printable(row.label);
        const value = printable(row.value);
        doc.font('B').fontSize(size);
        const hl = doc.heightOfString(label, { width: labelW - 2 * pad, lineGap: 2 });
        doc.font('R').fontSize(size);
        const hv = doc.heightOfString(value || ' ', { width: valueW - 2 * pad, lineGap: 2 });
        const h = Math.max(hl, hv) + 2 * pad;
        ensureSpace(doc, h);
        const y = doc.y;
        doc.save();
        doc.rect(left, y, labelW, h).fill(LABEL_BG);
        doc.lineWidth(0.6).strokeColor(RULE).rect(left, y, labelW, h).stroke().rect(left + labelW, y, valueW, h).stroke();
        doc.restore();
        doc.fillColor('#333333').font('B').fontSize(size).text(label, left + pad, y + pad, { width: labelW - 2 * pad, lineGap: 2 });
        doc.fillColor(INK).font('R').fontSize(size).text(value, left + labelW + pad, y + pad, { width: valueW - 2 * pad, lineGap: 2 });
        doc.x = left;
        doc.y = y + h;
      }
      doc.moveDown(0.6);
      return;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Closing: QR code on the left, issuer and date with the seal on the right
// ---------------------------------------------------------------------------------------------

const QR_SIZE = 78;
const SEAL_R = 47;

function drawClosing(doc: Doc, spec: DocumentSpec, qr: QRCode.QRCode | null): void {
  const width = contentWidth(doc);
  const captionH = spec.qr?.caption ? 14 : 0;
  // the seal may reach a little above the block, over the paragraph gap, as a stamp would
  const rise = 8;
  const height = Math.max(qr ? QR_SIZE + captionH : 0, SEAL_R * 2 - rise) + 2;
  doc.y += 4;
  ensureSpace(doc, height);
  const top = doc.y;

  // signature block, right-aligned, vertically centred on the seal
  const issuer = printable(spec.issuer);
  const date = chineseDate(spec.date);
  doc.font('R').fontSize(BODY_SIZE + 0.5).fillColor(INK);
  const blockW = Math.max(doc.widthOfString(issuer), doc.widthOfString(date));
  const right = MARGIN.left + width - 8;
  const cx = right - blockW / 2;
  const cy = top + SEAL_R - rise;
  const lineH = BODY_SIZE * 1.9;
  put(doc, issuer, cx - doc.widthOfString(issuer) / 2, cy - lineH + 2);
  put(doc, date, cx - doc.widthOfString(date) / 2, cy + 6);

  if (spec.seal) drawSeal(doc, issuer, sealLabel(spec) ?? '', cx, cy, SEAL_R);

  if (qr) {
    drawQr(doc, qr, MARGIN.left, top, QR_SIZE);
    if (spec.qr?.caption) {
      doc.font('R').fontSize(8).fillColor(GREY);
      const caption = printable(spec.qr.caption);
      put(doc, caption, MARGIN.left + Math.max(0, (QR_SIZE - doc.widthOfString(caption)) / 2), top + QR_SIZE + 1);
    }
  }
  doc.fillColor(INK);
  doc.x = MARGIN.left;
  doc.y = top + height;
}

/** The QR code as vector squares (crisp at any print resolution), dark runs merged per row. */
function drawQr(doc: Doc, qr: QRCode.QRCode, x: number, y: number, size: number): void {
  const n = qr.modules.size;
  const quiet = 2;
  const m = size / (n + 2 * quiet);
  const ox = x + quiet * m;
  const oy = y + quiet * m;
  doc.save().rect(x, y, size, size).fill('#ffffff');
  doc.fillColor('#000000');
  for (let r = 0; r < n; r++) {
    let c = 0;
    while (c < n) {
      if (!qr.modules.get(r, c)) {
        c++;
        continue;
      }
      const start = c;
      while (c < n && qr.modules.get(r, c)) c++;
      // a hair of overlap so renderers leave no seams between modules
      doc.rect(ox + start * m, oy + r * m, (c - start) * m + 0.05, m + 0.05);
    }
  }
  doc.fill().restore();
}

/**
 * An official-style red seal: a double ring, the issuer's name around the upper arc, a five-pointed
 * star in the middle and an optional line under it. Slightly translucent so the signature shows.
 */
function drawSeal(doc: Doc, name: string, label: string, cx: number, cy: number, r: number): void {
  doc.save();
  doc.fillOpacity(0.88).strokeOpacity(0.9);
  doc.lineWidth(2.6).strokeColor(RED).circle(cx, cy, r - 1.3).stroke();

  // star
  const sr = r * 0.3;
  const pts: [number, number][] = [];
  for (let i = 0; i < 10; i++) {
    const a = (-90 + i * 36) * (Math.PI / 180);
    const rr = i % 2 === 0 ? sr : sr * 0.382;
    pts.push([cx + rr * Math.cos(a), cy + rr * Math.sin(a)]);
  }
  doc.polygon(...pts).fill(RED);

  // the name around the arc, each character upright towards the centre
  const chars = [...name];
  const n = chars.length;
  const span = Math.min(235, 40 + n * 17); // degrees of arc used
  const fs = Math.min(15, Math.max(8, ((r * 0.78 * span * Math.PI) / 180 / Math.max(n, 1)) * 0.92));
  const rt = r - 5 - fs * 0.62; // radius of the characters' centres
  doc.font('B').fontSize(fs).fillColor(RED);
  const glyphH = fs * 0.88; // visual height of a CJK glyph
  chars.forEach((ch, i) => {
    const deg = n === 1 ? 0 : -span / 2 + (span * i) / (n - 1);
    const a = (deg * Math.PI) / 180;
    const px = cx + rt * Math.sin(a);
    const py = cy - rt * Math.cos(a);
    const w = doc.widthOfString(ch);
    doc.save();
    doc.rotate(deg, { origin: [px, py] });
    // pdfkit places text by its top; the glyph box of Noto Sans CJK sits ~0.08 em below it
    doc.text(ch, px - w / 2, py - glyphH / 2 - fs * 0.08, { lineBreak: false });
    doc.restore();
  });

  if (label) {
    const ls = Math.min(10, fitSize(doc, 'B', label, 10, r * 1.2, 6));
    doc.font('B').fontSize(ls).fillColor(RED);
    const w = doc.widthOfString(label);
    doc.text(label, cx - w / 2, cy + r * 0.42, { lineBreak: false });
  }
  doc.restore();
}

// ---------------------------------------------------------------------------------------------
// Running header (from page 2) and footer with page numbers, on every page
// ---------------------------------------------------------------------------------------------

function drawPageFurniture(doc: Doc, spec: DocumentSpec): void {
  const range = doc.bufferedPageRange();
  const total = range.count;
  for (let i = range.start; i < range.start + total; i++) {
    doc.switchToPage(i);
    const width = contentWidth(doc);
    const h = doc.page.height;
    doc.save();
    if (i > range.start) {
      doc.font('R').fontSize(8.5).fillColor(GREY);
      put(doc, `${printable(spec.heading ?? spec.issuer)} · ${printable(spec.title)}`, MARGIN.left, 40);
      const no = `${spec.docNoLabel ?? '办件编号'}：${spec.docNo}`;
      put(doc, no, MARGIN.left + width - doc.widthOfString(no), 40);
      doc.lineWidth(0.5).strokeColor(RULE).moveTo(MARGIN.left, 54).lineTo(MARGIN.left + width, 54).stroke();
    }
    const footY = h - 46;
    doc.lineWidth(0.5).strokeColor(RULE).moveTo(MARGIN.left, footY - 8).lineTo(MARGIN.left + width, footY - 8).stroke();
    doc.font('R').fontSize(8.5).fillColor(GREY);
    if (spec.footerNote) put(doc, printable(spec.footerNote), MARGIN.left, footY);
    const pageText = `第 ${i - range.start + 1} 页 / 共 ${total} 页`;
    put(doc, pageText, MARGIN.left + width - doc.widthOfString(pageText), footY);
    doc.restore();
  }
}
