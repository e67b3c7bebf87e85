import { NotFoundMessage } from '@/components/NotFoundMessage'
import { SiteFrame } from '@/components/SiteFrame'

// URLs that match no route at all; notFound() inside the site uses (site)/not-found.tsx.
export default function NotFound() {
  return (
    <SiteFrame>
      <NotFoundMessage />
    </SiteFrame>
  )
}
