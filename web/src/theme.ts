import { createTheme, type CSSVariablesResolver } from '@mantine/core';

/*
 * Colours are chosen for WCAG 2.2 AA contrast on white:
 * indigo-8 #3b5bdb has 5.7:1 with white (filled buttons, links), gray-7
 * #495057 has 8.2:1 (dimmed text), red-9 #c92a2a has 5.5:1 (error text).
 * e2e/a11y tests run axe on every page to keep it so.
 * Mantine's defaults (blue-6, gray-6, red-6) are all below 4.5:1.
 */
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 8, dark: 8 },
  // System fonts first; Noto and the CJK families make names such as 李明 or Ngũgĩ render everywhere.
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, "Noto Sans CJK SC", "PingFang SC", "Hiragino Sans", "Microsoft YaHei", sans-serif, "Apple Color Emoji", "Segoe UI Emoji"',
  headings: { fontFamily: 'inherit' },
  defaultRadius: 'md',
  focusRing: 'auto',
  cursorType: 'pointer',
  // People who ask their system for less motion get no fades or slides.
  respectReducedMotion: true,
});

/** Text on "light" variant backgrounds (alerts, badges): Mantine's shade 9 is too pale for teal, orange and yellow. */
const LIGHT_TEXT = { teal: '#06694b', orange: '#a33a0b', yellow: '#8a4b00', green: '#1f6b2f', red: '#a51d1d' };

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    ...Object.fromEntries(Object.entries(LIGHT_TEXT).map(([c, v]) => [`--mantine-color-${c}-light-color`, v])),
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-7)',
    '--mantine-color-anchor': 'var(--mantine-color-indigo-8)',
  },
  dark: {},
});
