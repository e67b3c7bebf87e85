import { Link } from './Link'

import type { TopicSummary } from '@/lib/content'
import { paths } from '@/lib/routing/paths'

/** The topics an article is filed under, each linking to its topic page. */
export function TopicTags({ topics }: { topics: TopicSummary[] }) {
  if (topics.length === 0) return null
  return (
    <ul className="topics" aria-label="Topics">
      {topics.map((topic) => (
        <li key={topic._id}>
          <Link href={paths.topic(topic.slug)}>{topic.title}</Link>
        </li>
      ))}
    </ul>
  )
}
