import localFont from 'next/font/local'

/**
 * The site's two typefaces, served from this folder: nothing is downloaded at build or run time.
 * Variable latin subsets copied from @fontsource-variable (OFL, see LICENSE-*.txt beside them).
 * The .woff files here are static cuts kept for Open Graph images (satori reads woff/ttf, not woff2).
 * Apply `${sourceSerif.variable} ${inter.variable}` on <html>; globals.css reads --font-serif/--font-sans.
 * next/font names each family after its constant: not `serif` or `sans`, which fontconfig (Linux,
 * Android) answers with its default face when the web font is missing, before any fallback listed.
 *
 * Neither holds the first paint: no preloads (they cost phones about 1.4 s of Largest Contentful
 * Paint), and `display: 'optional'`, so a page never swaps faces once drawn (no layout shift): the
 * first page a reader opens may be set in the fallback face, the next ones in the cached web font.
 * The fallback faces ('... Fallback', globals.css) take the web fonts' room, and the measure is in
 * em, so both faces give the same layout.
 */
export const sourceSerif = localFont({
  src: [
    { path: './source-serif-4-latin-wght-normal.woff2', weight: '200 900', style: 'normal' },
    { path: './source-serif-4-latin-wght-italic.woff2', weight: '200 900', style: 'italic' },
  ],
  variable: '--font-serif',
  display: 'optional',
  preload: false,
  // globals.css declares the fallback face: next/font's names only local(Arial) or local(Times New Roman).
  // next/font writes this list unquoted: a name with a word starting with a digit ("Source Serif 4
  // Fallback") would make the whole font-family invalid, and the page would fall to the browser default.
  adjustFontFallback: false,
  fallback: ['Source Serif Fallback', 'Georgia', 'Times New Roman', 'serif'],
})

export const inter = localFont({
  src: [{ path: './inter-latin-wght-normal.woff2', weight: '100 900', style: 'normal' }],
  variable: '--font-sans',
  display: 'optional',
  preload: false,
  adjustFontFallback: false,
  fallback: ['Inter Fallback', 'system-ui', 'Segoe UI', 'Helvetica', 'Arial', 'sans-serif'],
})
