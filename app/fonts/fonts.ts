import localFont from 'next/font/local'

/**
 * The site's two typefaces, served from this folder: nothing is downloaded at build or run time.
 * Variable latin subsets copied from @fontsource-variable (OFL, see LICENSE-*.txt beside them).
 * The .woff files here are static cuts kept for Open Graph images (satori reads woff/ttf, not woff2).
 * Apply `${serif.variable} ${sans.variable}` on <html>; globals.css reads --font-serif/--font-sans.
 */
export const serif = localFont({
  src: [
    { path: './source-serif-4-latin-wght-normal.woff2', weight: '200 900', style: 'normal' },
    { path: './source-serif-4-latin-wght-italic.woff2', weight: '200 900', style: 'italic' },
  ],
  variable: '--font-serif',
  display: 'swap',
  fallback: ['Georgia', 'Times New Roman', 'serif'],
})

export const sans = localFont({
  src: [{ path: './inter-latin-wght-normal.woff2', weight: '100 900', style: 'normal' }],
  variable: '--font-sans',
  display: 'swap',
  fallback: ['system-ui', 'Segoe UI', 'Helvetica', 'Arial', 'sans-serif'],
})
