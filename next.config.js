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
  // `npm run build:deploy` (scripts/build-deploy.ts): a self-contained server folder for deploy/Dockerfile.
  ...(process.env.NEXT_OUTPUT === 'standalone' ? { output: 'standalone' } : {}),
  // The dev server's hot reload refuses origins other than localhost unless listed.
  allowedDevOrigins: ['127.0.0.1'],
  // Two root layouts (the site's and the Studio's): URLs that match no route get app/global-not-found.tsx.
  // The stylesheet (4 kB compressed) goes in each page's HTML: one round trip less before the
  // first paint on a phone's network, measured in `npm run bench` (Lighthouse's FCP and LCP).
  experimental: { globalNotFound: true, inlineCss: true },
  // server/index.ts compresses after it has read each page's HTML for its script hashes.
  compress: false,
  // The build checks the site's own code; `npm run typecheck` checks everything (tests, lake, scripts).
  typescript: { tsconfigPath: 'tsconfig.next.json' },
  images: {
    // Sanity's image service (or the lake) resizes; next/image only asks for the right size.
    loader: 'custom',
    loaderFile: './lib/images/loader.ts',
  },
  // Several instances share one cache in Redis when REDIS_URL is set (server/cache-handler.mjs); read
  // when the server starts, so one build serves either way. No in-process copy in front of it: an
  // instance must see what another revalidated.
  ...(process.env.REDIS_URL ? { cacheHandler: require.resolve('./server/cache-handler.mjs'), cacheMaxMemorySize: 0 } : {}),
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }]
  },
}

module.exports = nextConfig
