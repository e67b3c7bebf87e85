// @ts-check
const lakeUrl = process.env.SANITY_LAKE_URL || 'http://127.0.0.1:3999'

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  images: {
    // Sanity's image service (or the lake) resizes; next/image only asks for the right size.
    loader: 'custom',
    loaderFile: './lib/images/loader.ts',
  },
  async rewrites() {
    // Embedded mode: the lake's image files are served through this site, so readers' browsers
    // only ever talk to one host. Unused in Sanity mode, where images come from Sanity's CDN.
    return [{ source: '/_lake/images/:path*', destination: `${lakeUrl}/images/:path*` }]
  },
}

module.exports = nextConfig
