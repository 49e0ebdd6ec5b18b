import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Fonts for badge images and PDF certificates. DejaVu (an npm dependency,
 * always present) covers Latin, Greek and Cyrillic with their accents and
 * symbols (é ’ ® ũ ĩ …). Chinese, Japanese and Korean need a CJK font from the
 * system (Debian: `apt-get install fonts-noto-cjk`); without one those
 * characters cannot be drawn, and `cjkFont()` says so (undefined).
 */

const require = createRequire(import.meta.url);
const DEJAVU = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

export const DEJAVU_SANS = path.join(DEJAVU, 'DejaVuSans.ttf');
export const DEJAVU_SANS_BOLD = path.join(DEJAVU, 'DejaVuSans-Bold.ttf');

/** A CJK font file and, for a collection (.ttc), the face to use. */
export interface CjkFont {
  file: string;
  /** PostScript name of the face inside a collection. */
  face?: string;
  /** The family name SVG text refers to. */
  family: string;
  /** A bold face, when the system has one. */
  bold?: { file: string; face?: string };
}

const CJK_CANDIDATES: CjkFont[] = [
  {
    file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
    face: 'NotoSansCJKsc-Regular',
    family: 'Noto Sans CJK SC',
    bold: { file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc', face: 'NotoSansCJKsc-Bold' },
  },
  {
    file: '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
    face: 'NotoSansCJKsc-Regular',
    family: 'Noto Sans CJK SC',
    bold: { file: '/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc', face: 'NotoSansCJKsc-Bold' },
  },
  { file: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', face: 'NotoSerifCJKsc-Regular', family: 'Noto Serif CJK SC' },
  { file: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', face: 'WenQuanYiZenHei', family: 'WenQuanYi Zen Hei' },
  { file: '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf', family: 'Droid Sans Fallback' },
];

let cjk: CjkFont | null | undefined;
/** The first CJK font installed on this machine, or undefined. */
export function cjkFont(): CjkFont | undefined {
  if (cjk === undefined) {
    const found = CJK_CANDIDATES.find((f) => existsSync(f.file));
    cjk = found ? { ...found, bold: found.bold && existsSync(found.bold.file) ? found.bold : undefined } : null;
  }
  return cjk ?? undefined;
}

/** Han, kana and Hangul: the characters DejaVu does not have. */
export const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;

const cache = new Map<string, Buffer>();
export function fontBytes(file: string): Buffer {
  let b = cache.get(file);
  if (!b) {
    b = readFileSync(file);
    cache.set(file, b);
  }
  return b;
}
