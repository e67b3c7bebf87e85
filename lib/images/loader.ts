/**
 * next/image loader for Sanity image URLs (configured as `images.loaderFile`). The image service
 * resizes, so Next's optimiser is not needed; this keeps the aspect ratio the URL asked for.
 * It runs in the browser too, so it must not import server modules.
 */
export default function sanityImageLoader({ src, width, quality }: { src: string; width: number; quality?: number }): string {
  const url = new URL(src, 'http://placeholder.invalid')
  const w = Number(url.searchParams.get('w'))
  const h = Number(url.searchParams.get('h'))
  if (w > 0 && h > 0) url.searchParams.set('h', String(Math.round((h / w) * width)))
  url.searchParams.set('w', String(width))
  url.searchParams.set('q', String(quality ?? 75))
  if (!url.searchParams.has('auto')) url.searchParams.set('auto', 'format')
  return src.startsWith('/') ? `${url.pathname}${url.search}` : url.toString()
}
