import Link from 'next/link'
import type { ReactNode } from 'react'

/**
 * A link to a settings-defined href: a site path goes through next/link (prefetch, client
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
