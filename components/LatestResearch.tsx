import type { SiteSettings } from '@/lib/content'

import { ResearchLinkItems } from './ResearchLinks'

/** The editors' research block that closes article and home pages. */
export function LatestResearch({ block }: { block: SiteSettings['latestResearch'] }) {
  return (
    <section className="latest-research" aria-labelledby="latest-research-heading">
      <h2 id="latest-research-heading">{block.heading}</h2>
      {block.text && <p>{block.text}</p>}
      {block.links.length > 0 && <ResearchLinkItems links={block.links} />}
    </section>
  )
}
