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
    {
      group: ['@/lake', '@/lake/*', '**/lake/*'],
      message: 'The lake is a content source: the site reaches it only through lib/content over HTTP.',
    },
    {
      group: ['@/lib/content/client', '@/lib/content/fetch', '@/lib/content/queries/*'],
      message: 'Use the loaders exported by @/lib/content.',
    },
  ],
}

// Internal URLs come from the one map, lib/routing/paths.ts, so a route can move in one place
// and every slug is encoded the same way. Caught in app/, components/ and lib/: a string or the first part of a template that
// starts with a reader route, and a literal href/action that starts with '/'.
const INTERNAL_ROUTE = '^\\/(insights|authors|topics|feeds|search|research)(\\/|\\?|#|$)'
const HAND_BUILT_URL = 'Internal URLs come from lib/routing/paths.ts: use paths.article(slug), paths.topic(slug, { page }), ...'
const handBuiltUrls = [
  { selector: `Literal[value=/${INTERNAL_ROUTE}/]`, message: HAND_BUILT_URL },
  { selector: `TemplateLiteral > TemplateElement:first-child[value.raw=/${INTERNAL_ROUTE}/]`, message: HAND_BUILT_URL },
  {
    selector: `JSXAttribute[name.name=/^(href|action)$/] > Literal[value=/^\\//]:not([value=/${INTERNAL_ROUTE}/])`,
    message: HAND_BUILT_URL,
  },
]

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    files: ['app/**', 'components/**'],
    ignores: ['components/Link.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...contentSourceOnly,
          paths: [
            ...contentSourceOnly.paths,
            { name: 'next/link', message: "Use the site's Link (components/Link.tsx): no prefetching of every link in view." },
          ],
        },
      ],
    },
  },
  {
    files: ['components/Link.tsx'],
    rules: { 'no-restricted-imports': ['error', contentSourceOnly] },
  },
  {
    files: ['app/**', 'components/**', 'lib/**'],
    ignores: ['lib/routing/paths.ts'],
    rules: { 'no-restricted-syntax': ['error', ...handBuiltUrls] },
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
    // A module graph without cycles, so each layer can be read, tested and replaced on its own.
    // The rule skips type-only imports (`import type`, `import {type X}`): it has no option to count
    // them, so `npm run lint` also runs madge (lint:cycles), which counts every import.
    files: ['{app,components,lib,lake,sanity,scripts,tests}/**/*.{ts,tsx,js,mjs}'],
    rules: { 'import/no-cycle': 'error' },
  },
  {
    // Tool configuration files that their tools load as CommonJS, and the install-time script (node, no loader).
    files: ['*.config.js', 'scripts/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  globalIgnores([
    '.next/**',
    '.next-hostile/**',
    '.next-deploy/**',
    'node_modules/**',
    'bench/results/**',
    'next-env.d.ts',
    'content/**',
    'coverage/**',
  ]),
])
