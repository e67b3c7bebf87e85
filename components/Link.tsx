import NextLink from 'next/link'
import type { ComponentProps } from 'react'

/**
 * The site's internal link: next/link's client navigation without prefetching. A reading page
 * shows dozens of links (header, cards, tags, authors); prefetching every one in view costs a
 * phone a request and React's work per link while the page is still loading, for pages the reader
 * mostly never opens. A click fetches the page then (cached on the server, one round trip).
 */
export function Link(props: Omit<ComponentProps<typeof NextLink>, 'prefetch'>) {
  return <NextLink {...props} prefetch={false} />
}
