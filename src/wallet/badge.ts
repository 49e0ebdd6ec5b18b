import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import { bakePng, bakeSvg } from '../credentials/index.js';
import { CJK, cjkFont, DEJAVU_SANS, DEJAVU_SANS_BOLD, fontBytes } from './fonts.js';

/**
 * Badge images: the achievement's own image when it is an embedded PNG or
 * SVG, else a medal drawn here with the achievement's name; and the same image
 * with the signed credential baked in (Open Badges 3.0 baking).
 */

export interface BadgeText {
  /** Seeds the colour, so one achievement always gets the same badge. */
  achievementId: string;
  achievementName: string;
  issuerName: string;
  /** The achievement's `image.id`, if any (only data: URLs are used: nothing is fetched). */
  image?: string;
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Approximate advance width of text in DejaVu Sans, in em. */
function widthEm(text: string, bold: boolean): number {
  let w = 0;
  for (const ch of text) {
    if (CJK.test(ch)) w += 1;
    else if (/[\s]/.test(ch)) w += 0.32;
    else if (/[iljtfrI.,;:'’!|()[\]]/.test(ch)) w += 0.36;
    else if (/[MWmwÆŒ@%]/.test(ch)) w += 0.92;
    else if (/[A-Z]/.test(ch)) w += 0.72;
    else w += 0.6;
  }
  return bold ? w * 1.08 : w;
}

/** Greedy line breaking at spaces (and between CJK characters), at most `maxLines` lines, the last one ellipsised. */
export function wrapText(text: string, maxWidthEm: number, maxLines: number, bold = false): string[] {
  const tokens = text.trim().split(/(\s+)/).flatMap((t) => (CJK.test(t) ? [...t] : [t])).filter((t) => t.length);
  const lines: string[] = [];
  let line = '';
  for (const tok of tokens) {
    if (/^\s+$/.test(tok)) {
      if (line) line += ' ';
      continue;
    }
    const candidate = line + tok;
    if (!line.trim() || widthEm(candidate, bold) <= maxWidthEm) line = candidate;
    else {
      lines.push(line.trim());
      line = tok;
    }
  }
  if (line.trim()) lines.push(line.trim());
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1]!;
  while (last.length > 1 && widthEm(`${last}…`, bold) > maxWidthEm) last = [...last].slice(0, -1).join('').trimEnd();
  kept[maxLines - 1] = `${last}…`;
  return kept;
}

/** Two colours from the achievement id: a deep ring and a pale face. */
function palette(seed: string): { deep: string; mid: string; pale: string } {
  const hue = createHash('sha256').update(seed).digest()[0]! * (360 / 256);
  const hsl = (h: number, s: number, l: number) => {
    const a = s * Math.min(l, 1 - l);
    const f = (n: number) => {
      const k = (n + h / 30) % 12;
      return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))))
        .toString(16)
        .padStart(2, '0');
    };
    return `#${f(0)}${f(8)}${f(4)}`;
  };
  return { deep: hsl(hue, 0.55, 0.3), mid: hsl(hue, 0.5, 0.45), pale: hsl(hue, 0.6, 0.95) };
}

const FONT_FAMILY = "'DejaVu Sans', 'Noto Sans CJK SC', 'WenQuanYi Zen Hei', 'Droid Sans Fallback', sans-serif";

/** A 512×512 medal with the achievement name and the issuer, as SVG. */
export function generatedBadgeSvg(b: BadgeText): string {
  const { deep, mid, pale } = palette(b.achievementId);
  let size = 38;
  let nameLines = wrapText(b.achievementName, 330 / size, 4, true);
  while (size > 26 && nameLines.length > 3) {
    size -= 4;
    nameLines = wrapText(b.achievementName, 330 / size, 4, true);
  }
  const issuerLines = wrapText(b.issuerName, 280 / 19, 2);
  const lineGap = size * 1.2;
  const blockHeight = nameLines.length * lineGap + issuerLines.length * 24 + 18;
  let y = 262 - blockHeight / 2 + size * 0.8;
  const nameText = nameLines
    .map((l, i) => `<tspan x="256" y="${(y + i * lineGap).toFixed(1)}">${escapeXml(l)}</tspan>`)
    .join('');
  y += nameLines.length * lineGap + 14;
  const issuerText = issuerLines.map((l, i) => `<tspan x="256" y="${(y + i * 24).toFixed(1)}">${escapeXml(l)}</tspan>`).join('');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512" role="img" aria-labelledby="badge-title">`,
    `<title id="badge-title">${escapeXml(`${b.achievementName} — ${b.issuerName}`)}</title>`,
    `<path d="M150 380 L110 500 L160 478 L190 512 L226 404 Z" fill="${mid}"/>`,
    `<path d="M362 380 L402 500 L352 478 L322 512 L286 404 Z" fill="${mid}"/>`,
    `<circle cx="256" cy="240" r="228" fill="${deep}"/>`,
    `<circle cx="256" cy="240" r="206" fill="${pale}"/>`,
    `<circle cx="256" cy="240" r="194" fill="none" stroke="${mid}" stroke-width="3" stroke-dasharray="2 7"/>`,
    `<path d="M256 62 l11 22 24 3.5 -17.5 17 4 24 -21.5 -11.3 -21.5 11.3 4 -24 -17.5 -17 24 -3.5 z" fill="${deep}"/>`,
    `<text font-family="${FONT_FAMILY}" font-weight="bold" font-size="${size}" fill="${deep}" text-anchor="middle">${nameText}</text>`,
    `<text font-family="${FONT_FAMILY}" font-size="19" fill="#333333" text-anchor="middle">${issuerText}</text>`,
    '</svg>',
  ].join('\n');
}

// --- SVG → PNG --------------------------------------------------------------------
let ready: Promise<void> | undefined;
function wasmReady(): Promise<void> {
  const require = createRequire(import.meta.url);
  ready ??= initWasm(readFileSync(require.resolve('@resvg/resvg-wasm/index_bg.wasm')));
  return ready;
}

/** Renders an SVG to a PNG `width` pixels wide, with DejaVu (and a CJK font when the text needs one and the system has it). */
export async function renderPng(svg: string, width = 512): Promise<Uint8Array> {
  await wasmReady();
  const fonts = [fontBytes(DEJAVU_SANS), fontBytes(DEJAVU_SANS_BOLD)];
  const cjk = CJK.test(svg) ? cjkFont() : undefined;
  if (cjk) fonts.push(fontBytes(cjk.file), ...(cjk.bold ? [fontBytes(cjk.bold.file)] : []));
  const resvg = new Resvg(svg, { fitTo: { mode: 'width', value: width }, font: { fontBuffers: fonts, defaultFontFamily: 'DejaVu Sans' } });
  try {
    const image = resvg.render();
    try {
      return image.asPng();
    } finally {
      image.free();
    }
  } finally {
    resvg.free();
  }
}

function dataUrlBytes(url: string | undefined, type: 'png' | 'svg+xml'): Buffer | undefined {
  const prefix = `data:image/${type};base64,`;
  return url?.startsWith(prefix) ? Buffer.from(url.slice(prefix.length), 'base64') : undefined;
}

/** The badge as SVG: the achievement's own SVG, or the generated medal. */
export function badgeSvg(b: BadgeText): string {
  const own = dataUrlBytes(b.image, 'svg+xml')?.toString('utf8');
  return own && /<svg[\s>]/.test(own) ? own : generatedBadgeSvg(b);
}

/** The badge as PNG: the achievement's own PNG, or the SVG badge rendered. */
export async function badgePng(b: BadgeText): Promise<Uint8Array> {
  const own = dataUrlBytes(b.image, 'png');
  if (own && own[0] === 0x89) return own;
  return renderPng(badgeSvg(b));
}

/** The badge with `credential` (JSON text or compact JWS) baked in. */
export async function bakedBadge(kind: 'png' | 'svg', b: BadgeText, credential: string): Promise<Uint8Array | string> {
  return kind === 'png' ? bakePng(await badgePng(b), credential) : bakeSvg(badgeSvg(b), credential);
}
