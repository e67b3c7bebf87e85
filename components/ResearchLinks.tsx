import type { ResearchLink } from '@/lib/content'

const KIND_LABELS: Record<ResearchLink['kind'], string> = {
  hub: 'Research hub',
  publication: 'Publication',
  caseStudy: 'Case study',
  report: 'Report',
  book: 'Book',
  podcast: 'Podcast',
}

/** Links out to research: title as the link, what it offers beside it. */
export function ResearchLinkItems({ links }: { links: ResearchLink[] }) {
  return (
    <ul className="research-links">
      {links.map((link) => (
        <li key={link._id}>
          <span className="research-links__kind">{KIND_LABELS[link.kind]}</span>
          <a href={link.url} rel="noopener noreferrer">
            {link.title}
          </a>
          {link.description && <span className="research-links__description"> {link.description}</span>}
        </li>
      ))}
    </ul>
  )
}

export function ResearchLinks({ links, heading = 'Research' }: { links: ResearchLink[]; heading?: string }) {
  if (links.length === 0) return null
  return (
    <section className="research">
      <h2>{heading}</h2>
      <ResearchLinkItems links={links} />
    </section>
  )
}
