import { Link } from './Link'
import type { ReactNode } from 'react'

import type { SiteSettings } from '@/lib/content'

/**
 * A link to a settings-defined href: a site path goes through the site's Link (client
 * navigation); an http(s) URL is a plain anchor that leaves the site without an opener.
 */
export function SiteLink({ href, className, children }: { href: string; className?: string; children: ReactNode }) {
  if (href.startsWith('/') && !href.startsWith('//')) {
    return (
      <Link href={href} className={className}>
        {children}
      </Link>
    )
  }
  return (
    <a href={href} className={className} rel="noopener noreferrer">
      {children}
    </a>
  )
}

type LinkItem = SiteSettings['navigation'][number]

/** A list of settings-defined links (the header's navigation, the footer's links). */
export function SiteLinkList({ items, className }: { items: readonly LinkItem[]; className?: string }) {
  return (
    <ul className={className}>
      {items.map((item) => (
        <li key={`${item.href}|${item.label}`}>
          <SiteLink href={item.href}>{item.label}</SiteLink>
        </li>
      ))}
    </ul>
  )
}
