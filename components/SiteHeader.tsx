import { Link } from './Link'

import type { SiteSettings } from '@/lib/content'
import { paths } from '@/lib/routing/paths'

import { SiteLinkList } from './SiteLink'

/** Used until editors fill in the navigation in site settings. */
const FALLBACK_NAVIGATION = [
  { label: 'Insights', href: paths.insights },
  { label: 'Research', href: paths.research },
]

export function SiteHeader({ settings }: { settings: SiteSettings }) {
  const navigation = settings.navigation.length > 0 ? settings.navigation : FALLBACK_NAVIGATION
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <div className="site-header__inner">
        <Link href={paths.home} className="site-title" aria-label={`${settings.title}: home`}>
          {settings.title}
        </Link>
        <nav aria-label="Primary" className="site-nav">
          <SiteLinkList items={navigation} />
        </nav>
        <form role="search" action={paths.search} method="get" className="site-search">
          <label htmlFor="site-search-q" className="visually-hidden">
            Search insights
          </label>
          <input id="site-search-q" type="search" name="q" autoComplete="off" />
          <button type="submit">Search</button>
        </form>
      </div>
    </header>
  )
}
