// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  images: {
    // Sanity's image service (or the lake) resizes; next/image only asks for the right size.
    loader: 'custom',
    loaderFile: './lib/images/loader.ts',
  },
}

module.exports = nextConfig
