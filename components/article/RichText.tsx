import { PortableText, type PortableTextBlock, type PortableTextComponents, type PortableTextMarkComponentProps } from '@portabletext/react'
import { Link } from '../Link'

import type { PortableTextValue } from '@/lib/content'
import { paths } from '@/lib/routing/paths'
import { safeUrl } from '@/lib/routing/safe-link'

/**
 * The href to render for an editor's link, or null when it must not become a link (lib/routing/
 * safe-link.ts); relative hrefs are refused because the content model only admits http, https
 * and mailto in a body.
 */
export const safeHref = safeUrl

/** `link` annotation: a real link only for a safe scheme, otherwise just its text. */
export function SafeLink({ value, children }: PortableTextMarkComponentProps<{ _type: 'link'; href?: unknown }>) {
  const href = safeHref(value?.href)
  if (!href) return <>{children}</>
  return href.startsWith('mailto:') ? (
    <a href={href}>{children}</a>
  ) : (
    <a href={href} rel="noopener noreferrer">
      {children}
    </a>
  )
}

/** `internalLink` annotation: the query resolved the referenced article's slug; none means unpublished. */
export function InternalLink({ value, children }: PortableTextMarkComponentProps<{ _type: 'internalLink'; slug?: unknown }>) {
  const slug = value?.slug
  if (typeof slug !== 'string' || slug === '') return <>{children}</>
  return <Link href={paths.article(slug)}>{children}</Link>
}

/**
 * Portable Text with the site's rules: unknown types render nothing, never a warning or a throw
 * (content may be newer than this code). Every rich text on the site goes through here.
 */
export function RichText({ value, components }: { value: PortableTextValue; components: PortableTextComponents }) {
  // The one cast: zod checked each item has _type and _key (portableTextSchema); the renderer
  // checks the rest of each node's shape itself and hands unknown shapes to `unknownType`.
  const blocks = value as unknown as PortableTextBlock[]
  return <PortableText value={blocks} components={{ unknownType: () => null, ...components }} onMissingComponent={false} />
}
