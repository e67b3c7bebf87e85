// Jest runs every level of test: unit/ (pure code, jsdom components), int/ (lake, loaders, built
// site) and e2e/ (a real browser). next/jest brings SWC transforms and Next's module mapping.
const nextJest = require('next/jest')

const createJestConfig = nextJest({ dir: __dirname })

// Packages published as ESM only; Jest runs CommonJS, so SWC transforms them too.
const esmPackages = [
  'next-sanity',
  '@portabletext',
  '@sanity',
  'sanity',
  'groq',
  'get-it',
  'nanoid',
  'feed',
  'xml-js',
]

module.exports = async () => {
  const config = await createJestConfig({
    testEnvironment: 'node',
    testMatch: ['<rootDir>/tests/**/*.test.ts?(x)'],
    moduleNameMapper: { '^@/(.*)$': '<rootDir>/$1' },
    setupFilesAfterEnv: ['<rootDir>/tests/setup.ts'],
    testTimeout: 30_000,
  })()
  config.transformIgnorePatterns = [`/node_modules/(?!(${esmPackages.join('|')})(/|$))`]
  return config
}
