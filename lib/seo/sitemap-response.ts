import 'server-only'

import { getSitemapContent } from '@/lib/content'

import { sitemapEntries, sitemapPartXml, sitemapXml } from './sitemap'

const XML = { 'content-type': 'application/xml; charset=utf-8' }

/** /sitemap.xml: the URLs, or an index of parts once there are more than one file may hold. */
export async function sitemapResponse(): Promise<Response> {
  const entries = sitemapEntries(await getSitemapContent())
  return new Response(sitemapXml(entries), { headers: XML })
}

/** /sitemap/N.xml: part N of a split sitemap; 404 when there is no such part. */
export async function sitemapPartResponse(file: string): Promise<Response> {
  const part = /^([1-9]\d{0,5})\.xml$/.exec(file)?.[1]
  const body = part ? sitemapPartXml(sitemapEntries(await getSitemapContent()), Number(part)) : null
  return body === null
    ? new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } })
    : new Response(body, { headers: XML })
}
