import type { SiteSettings } from '@/lib/content'

import { SiteLink } from './SiteLink'

export function SiteFooter({ settings }: { settings: SiteSettings }) {
  const { text, links } = settings.footer
  return (
    <footer className="site-footer">
      <div className="site-footer__inner">
        <p className="site-footer__title">{settings.title}</p>
        {text && <p>{text}</p>}
        {links.length > 0 && (
          <nav aria-label="Footer">
            <ul className="site-footer__links">
              {links.map((item) => (
                <li key={`${item.href}|${item.label}`}>
                  <SiteLink href={item.href}>{item.label}</SiteLink>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </div>
    </footer>
  )
}
