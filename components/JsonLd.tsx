import type { Graph, Thing } from 'schema-dts'

import { serializeJsonLd } from '@/lib/seo/jsonld'

/** Structured data for search engines. The JSON is escaped so no content can end the script. */
export function JsonLd({ data }: { data: Graph | Thing }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: serializeJsonLd(data) }} />
}
