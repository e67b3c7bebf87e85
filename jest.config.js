// Jest runs every level of test, in two projects:
//   code: tests/unit (pure code, jsdom components) and tests/int (lake, loaders, content)
//   site: tests/e2e, against the built site (`next build` once, in global-setup) over HTTP and
//         in a real browser.
// `npx jest --selectProjects code` skips the build.
const nextJest = require('next/jest')

const createJestConfig = nextJest({ dir: __dirname })

// Packages published as ESM only; Jest runs CommonJS, so SWC transforms them too.
const esmPackages = [
  'p-map',
  'next-sanity',
  '@portabletext',
  '@sanity',
  'sanity',
  'groq',
  'get-it',
  'nanoid',
  'feed',
  'xml-js',
  'lodash-es',
]

async function project(displayName, options) {
  const config = await createJestConfig({
    displayName,
    testEnvironment: 'node',
    moduleNameMapper: { '^@/(.*)$': '<rootDir>/$1' },
    setupFilesAfterEnv: ['<rootDir>/tests/setup.ts'],
    // Standalone builds (npm run build:deploy) carry a copy of package.json.
    modulePathIgnorePatterns: ['<rootDir>/\\.next[^/]*/standalone/'],
    testTimeout: 30_000,
    ...options,
  })()
  config.transformIgnorePatterns = [`/node_modules/(?!(${esmPackages.join('|')})(/|$))`]
  return config
}

module.exports = async () => ({
  testTimeout: 30_000,
  projects: [
    await project('code', { testMatch: ['<rootDir>/tests/{unit,int}/**/*.test.ts?(x)'] }),
    await project('site', {
      testMatch: ['<rootDir>/tests/e2e/**/*.test.ts?(x)'],
      globalSetup: '<rootDir>/tests/e2e/global-setup.ts',
      testTimeout: 120_000,
    }),
  ],
})
