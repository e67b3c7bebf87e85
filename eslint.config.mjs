import { defineConfig, globalIgnores } from 'eslint/config'
import nextVitals from 'eslint-config-next/core-web-vitals'
import nextTs from 'eslint-config-next/typescript'

// The architecture, made executable: app -> components -> lib -> content source (Sanity | lake).
const contentSourceOnly = {
  paths: [
    { name: '@sanity/client', message: 'Only lib/content/ talks to the content source. Call a loader.' },
    { name: 'next-sanity', message: 'Only lib/content/ talks to the content source. Call a loader.' },
    { name: 'groq-js', message: 'GROQ is evaluated by the content source, not by the site.' },
  ],
  patterns: [
    { group: ['@/lake', '@/lake/*', '**/lake/*'], message: 'The lake is a content source: the site reaches it only through lib/content over HTTP.' },
    { group: ['@/lib/content/client', '@/lib/content/fetch', '@/lib/content/queries/*'], message: 'Use the loaders exported by @/lib/content.' },
  ],
}

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    files: ['app/**', 'components/**'],
    rules: { 'no-restricted-imports': ['error', contentSourceOnly] },
  },
  {
    files: ['lib/**'],
    ignores: ['lib/content/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: contentSourceOnly.paths.filter((p) => p.name !== 'next-sanity'), patterns: contentSourceOnly.patterns.slice(0, 1) },
      ],
    },
  },
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    rules: {
      'import/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './lib', from: ['./app', './components'], message: 'lib/ must not depend on routes or components.' },
            { target: './components', from: './app', message: 'components/ must not depend on routes.' },
            { target: ['./app', './components', './lib'], from: './lake', message: 'The site reaches the lake only over HTTP.' },
          ],
        },
      ],
    },
  },
  {
    // Tool configuration files that their tools load as CommonJS.
    files: ['*.config.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  globalIgnores(['.next/**', 'node_modules/**', 'bench/results/**', 'next-env.d.ts', 'content/**', 'coverage/**']),
])
