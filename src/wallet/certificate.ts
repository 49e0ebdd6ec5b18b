import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { badgePng, type BadgeText } from './badge.js';
import { CJK, cjkFont, DEJAVU_SANS, DEJAVU_SANS_BOLD } from './fonts.js';

/**
 * A printable PDF certificate of one credential: who earned what from whom,
 * the facts of the award, the badge, and a QR code to the credential's public
 * verification page (also a clickable link). The PDF is a convenience for
 * people; the signed credential stays the proof, which the QR code leads to.
 */
export interface CertificateInput {
  credentialId: string;
  /** The public verification page the QR code opens. */
  verifyUrl: string;
  learnerName: string;
  achievementName: string;
  achievementDescription?: string;
  issuerName: string;
  issuerDid: string;
  issuedOn: Date;
  validUntil?: Date | null;
  ects?: number;
  hours?: number;
  eqfLevel?: number;
  skills: string[];
  badge: BadgeText;
}

/** The words on the certificate (English; one place to translate). */
const WORDS = {
  title: 'Certificate of achievement',
  certifies: 'This is to certify that',
  awarded: 'has been awarded the micro-credential',
  issued: 'Issued',
  validUntil: 'valid until',
  noExpiry: 'does not expire',
  ects: (n: number) => `${n} ECTS`,
  hours: (n: number) => `${n} hours of learning`,
  eqf: (n: number) => `EQF level ${n}`,
  skills: 'Skills',
  signedBy: 'Digitally signed by',
  credentialId: 'Credential',
  scan: 'Scan to verify',
  note: 'This certificate describes a verifiable credential. Its signature, and whether it is still valid, can be checked at any time at the address in the QR code.',
};

const INK = '#1f2d3d';
const MUTED = '#5a6470';
const ACCENT = '#1f3a5f';

type Doc = PDFKit.PDFDocument;

/** Splits text into runs that DejaVu can draw and runs that need the CJK font. */
function runs(text: string): Array<{ text: string; cjk: boolean }> {
  const out: Array<{ text: string; cjk: boolean }> = [];
  for (const ch of text) {
    const cjk = CJK.test(ch);
    const last = out.at(-1);
    if (last && (last.cjk === cjk || /\s/.test(ch))) last.text += ch;
    else out.push({ text: ch, cjk });
  }
  return out;
}

function fontFor(cjk: boolean, bold: boolean, hasCjk: boolean): string {
  if (cjk && hasCjk) return bold ? 'cjk-bold' : 'cjk';
  return bold ? 'bold' : 'body';
}

interface LineStyle {
  size: number;
  bold?: boolean;
  color?: string;
}

function measure(doc: Doc, text: string, s: LineStyle, hasCjk: boolean): number {
  return runs(text).reduce((w, r) => w + doc.font(fontFor(r.cjk, !!s.bold, hasCjk)).fontSize(s.size).widthOfString(r.text), 0);
}

/** Breaks text into lines no wider than `maxWidth` (at spaces, or between CJK characters). */
function wrap(doc: Doc, text: string, s: LineStyle, maxWidth: number, maxLines: number, hasCjk: boolean): string[] {
  const tokens = text.split(/(\s+)/).flatMap((t) => (CJK.test(t) ? [...t] : [t])).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const tok of tokens) {
    const candidate = /^\s+$/.test(tok) ? (line ? `${line} ` : line) : line + tok;
    if (/^\s+$/.test(tok) || !line.trim() || measure(doc, candidate, s, hasCjk) <= maxWidth) line = candidate;
    else {
      lines.push(line.trim());
      line = tok;
    }
  }
  if (line.trim()) lines.push(line.trim());
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    let last = kept[maxLines - 1]!;
    while (last.length > 1 && measure(doc, `${last}…`, s, hasCjk) > maxWidth) last = [...last].slice(0, -1).join('').trimEnd();
    kept[maxLines - 1] = `${last}…`;
    return kept;
  }
  return lines;
}

/** Draws one line centred on `cx`, switching fonts between runs. */
function centredLine(doc: Doc, text: string, cx: number, y: number, s: LineStyle, hasCjk: boolean): void {
  let x = cx - measure(doc, text, s, hasCjk) / 2;
  doc.fillColor(s.color ?? INK);
  for (const r of runs(text)) {
    doc.font(fontFor(r.cjk, !!s.bold, hasCjk)).fontSize(s.size);
    // On a shared alphabetic baseline, so CJK and Latin runs line up whatever their fonts' ascent.
    doc.text(r.text, x, y + s.size * 0.9, { lineBreak: false, baseline: 'alphabetic' });
    x += doc.widthOfString(r.text);
  }
}

/** Draws wrapped, centred text; the font shrinks (down to `minSize`) before lines are cut. Returns the y below it. */
function centredBlock(doc: Doc, text: string, cx: number, y: number, maxWidth: number, s: LineStyle & { maxLines: number; minSize?: number }, hasCjk: boolean): number {
  let size = s.size;
  let lines = wrap(doc, text, { ...s, size }, maxWidth, 99, hasCjk);
  while (lines.length > s.maxLines && size > (s.minSize ?? size)) {
    size -= 1;
    lines = wrap(doc, text, { ...s, size }, maxWidth, 99, hasCjk);
  }
  lines = wrap(doc, text, { ...s, size }, maxWidth, s.maxLines, hasCjk);
  for (const line of lines) {
    centredLine(doc, line, cx, y, { ...s, size }, hasCjk);
    y += size * 1.3;
  }
  return y;
}

function drawQr(doc: Doc, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 2;
  const cell = size / (n + 2 * quiet);
  doc.rect(x, y, size, size).fill('#ffffff');
  doc.fillColor('#000000');
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      // Slight overlap avoids hairline gaps between modules in some viewers.
      if (qr.modules.get(r, c)) doc.rect(x + (c + quiet) * cell, y + (r + quiet) * cell, cell + 0.05, cell + 0.05);
    }
  }
  doc.fill('#000000');
}

const longDate = (d: Date) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(d);

/** Renders the certificate; resolves to the PDF bytes. */
export async function certificatePdf(c: CertificateInput): Promise<Buffer> {
  const badge = await badgePng(c.badge);
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    lang: 'en',
    displayTitle: true,
    info: {
      Title: `${c.achievementName} — ${c.learnerName}`,
      Author: c.issuerName,
      Subject: `${WORDS.title}: ${c.verifyUrl}`,
      Keywords: `micro-credential, Open Badges 3.0, verifiable credential, ${c.credentialId}`,
      Creator: 'microcred',
      CreationDate: c.issuedOn,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.registerFont('body', DEJAVU_SANS);
  doc.registerFont('bold', DEJAVU_SANS_BOLD);
  const cjk = cjkFont();
  if (cjk) {
    doc.registerFont('cjk', cjk.file, cjk.face);
    doc.registerFont('cjk-bold', cjk.bold?.file ?? cjk.file, cjk.bold?.face ?? cjk.face);
  }
  const hasCjk = !!cjk;

  const W = doc.page.width;
  const H = doc.page.height;
  const cx = W / 2;
  doc.lineWidth(3).strokeColor(ACCENT).rect(22, 22, W - 44, H - 44).stroke();
  doc.lineWidth(0.8).strokeColor(ACCENT).rect(30, 30, W - 60, H - 60).stroke();

  let y = 58;
  y = centredBlock(doc, c.issuerName.toUpperCase(), cx, y, W - 160, { size: 13, bold: true, color: ACCENT, maxLines: 1, minSize: 9 }, hasCjk);
  centredLine(doc, WORDS.title, cx, y + 8, { size: 30, bold: true, color: ACCENT }, hasCjk);
  y += 66;
  centredLine(doc, WORDS.certifies, cx, y, { size: 13, color: MUTED }, hasCjk);
  y += 24;
  y = centredBlock(doc, c.learnerName, cx, y, W - 200, { size: 28, bold: true, maxLines: 1, minSize: 16 }, hasCjk);
  y += 8;
  centredLine(doc, WORDS.awarded, cx, y, { size: 13, color: MUTED }, hasCjk);
  y += 24;
  y = centredBlock(doc, c.achievementName, cx, y, W - 200, { size: 22, bold: true, color: ACCENT, maxLines: 2, minSize: 15 }, hasCjk);
  y += 6;

  const facts = [
    `${WORDS.issued} ${longDate(c.issuedOn)}, ${c.validUntil ? `${WORDS.validUntil} ${longDate(c.validUntil)}` : WORDS.noExpiry}`,
    ...(c.ects !== undefined ? [WORDS.ects(c.ects)] : []),
    ...(c.hours !== undefined ? [WORDS.hours(c.hours)] : []),
    ...(c.eqfLevel !== undefined ? [WORDS.eqf(c.eqfLevel)] : []),
  ].join('  ·  ');
  y = centredBlock(doc, facts, cx, y, W - 200, { size: 11, color: INK, maxLines: 2 }, hasCjk);
  if (c.skills.length) y = centredBlock(doc, `${WORDS.skills}: ${c.skills.join(', ')}`, cx, y + 2, W - 220, { size: 10, color: MUTED, maxLines: 2 }, hasCjk);

  // Bottom band: badge, signature, QR code.
  const bandTop = H - 190;
  doc.image(Buffer.from(badge), 62, bandTop + 6, { fit: [130, 130], align: 'center', valign: 'center' });
  const qrSize = 118;
  const qrX = W - 62 - qrSize;
  drawQr(doc, c.verifyUrl, qrX, bandTop + 4, qrSize);
  doc.link(qrX, bandTop + 4, qrSize, qrSize, c.verifyUrl);
  centredLine(doc, WORDS.scan, qrX + qrSize / 2, bandTop + qrSize + 10, { size: 10, bold: true, color: ACCENT }, hasCjk);

  const midX = (62 + 130 + qrX) / 2;
  const midW = qrX - (62 + 130) - 40;
  let my = bandTop + 18;
  centredLine(doc, WORDS.signedBy, midX, my, { size: 10, color: MUTED }, hasCjk);
  my += 15;
  my = centredBlock(doc, c.issuerName, midX, my, midW, { size: 12, bold: true, maxLines: 2, minSize: 9 }, hasCjk);
  doc.font('body').fontSize(7.5).fillColor(MUTED).text(c.issuerDid, midX - midW / 2, my, { width: midW, align: 'center' });
  my = doc.y + 8;
  doc.font('body').fontSize(8.5).fillColor(MUTED).text(`${WORDS.credentialId} ${c.credentialId}`, midX - midW / 2, my, { width: midW, align: 'center' });
  my = doc.y + 2;
  doc.font('body').fontSize(8.5).fillColor(ACCENT).text(c.verifyUrl, midX - midW / 2, my, { width: midW, align: 'center', link: c.verifyUrl, underline: true });
  my = doc.y + 8;
  doc.font('body').fontSize(7.5).fillColor(MUTED).text(WORDS.note, midX - midW / 2, my, { width: midW, align: 'center' });

  doc.end();
  return done;
}
