// @ts-check

// Sent with every response, also by `next dev`. The headers that depend on the response or the
// deployment (Content-Security-Policy with script hashes, HSTS) come from server/policy.ts.
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
]

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // A second build beside the main one (tests/e2e/hostile-content.test.ts builds into .next-hostile).
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  // The dev server's hot reload refuses origins other than localhost unless listed.
  allowedDevOrigins: ['127.0.0.1'],
  // Two root layouts (the site's and the Studio's): URLs that match no route get app/global-not-found.tsx.
  experimental: { globalNotFound: true },
  // server/index.ts compresses after it has read each page's HTML for its script hashes.
  compress: false,
  // The build checks the site's own code; `npm run typecheck` checks everything (tests, lake, scripts).
  typescript: { tsconfigPath: 'tsconfig.next.json' },
  images: {
    // Sanity's image service (or the lake) resizes; next/image only asks for the right size.
    loader: 'custom',
    loaderFile: './lib/images/loader.ts',
  },
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }]
  },
}

module.exports = nextConfig
