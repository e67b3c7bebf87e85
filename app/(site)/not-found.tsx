import { NotFoundMessage } from '@/components/NotFoundMessage'

// Both for URLs that match no route and for notFound() in a page: rendered inside the root layout.
export default function NotFound() {
  return <NotFoundMessage />
}
