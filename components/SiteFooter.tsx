import type { SiteSettings } from '@/lib/content'

import { SiteLinkList } from './SiteLink'

export function SiteFooter({ settings }: { settings: SiteSettings }) {
  const { text, links } = settings.footer
  return (
    <footer className="site-footer">
      <div className="site-footer__inner">
        <p className="site-footer__title">{settings.title}</p>
        {text && <p>{text}</p>}
        {links.length > 0 && (
          <nav aria-label="Footer">
            <SiteLinkList items={links} className="site-footer__links" />
          </nav>
        )}
      </div>
    </footer>
  )
}
