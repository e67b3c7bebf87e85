// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The build checks the site's own code; `npm run typecheck` checks everything (tests, lake, scripts).
  typescript: { tsconfigPath: 'tsconfig.next.json' },
  images: {
    // Sanity's image service (or the lake) resizes; next/image only asks for the right size.
    loader: 'custom',
    loaderFile: './lib/images/loader.ts',
  },
}

module.exports = nextConfig
