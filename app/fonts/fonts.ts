import localFont from 'next/font/local'

/**
 * The site's two typefaces, served from this folder: nothing is downloaded at build or run time.
 * Variable latin subsets copied from @fontsource-variable (OFL, see LICENSE-*.txt beside them).
 * The .woff files here are static cuts kept for Open Graph images (satori reads woff/ttf, not woff2).
 * Apply `${serif.variable} ${sans.variable}` on <html>; globals.css reads --font-serif/--font-sans.
 *
 * Not preloaded: a preload makes the browser fetch all three files before the first paint, and on
 * a phone that cost about 1.4 s of Largest Contentful Paint. `display: 'optional'`: the text paints
 * at once, in the face when the file arrives within the browser's short block period (from the
 * cache, on every page after the first) and otherwise in the fallback for the whole visit to that
 * page, so nothing ever moves (with `swap`, the late swap shifted the home page: CLS 0.027). The
 * fallback's metrics are adjusted to the face (`adjustFontFallback`).
 */
export const serif = localFont({
  src: [
    { path: './source-serif-4-latin-wght-normal.woff2', weight: '200 900', style: 'normal' },
    { path: './source-serif-4-latin-wght-italic.woff2', weight: '200 900', style: 'italic' },
  ],
  variable: '--font-serif',
  display: 'optional',
  preload: false,
  adjustFontFallback: 'Times New Roman',
  fallback: ['Georgia', 'Times New Roman', 'serif'],
})

export const sans = localFont({
  src: [{ path: './inter-latin-wght-normal.woff2', weight: '100 900', style: 'normal' }],
  variable: '--font-sans',
  display: 'optional',
  preload: false,
  adjustFontFallback: 'Arial',
  fallback: ['system-ui', 'Segoe UI', 'Helvetica', 'Arial', 'sans-serif'],
})
