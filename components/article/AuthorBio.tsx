import { Link } from '../Link'

import { SanityImage } from '@/components/SanityImage'
import type { ArticleAuthor } from '@/lib/content'
import { paths } from '@/lib/routing/paths'

import { BioText } from './BioText'

/** "About the author" after the article body: photo, name linking to the profile, bio. */
export function AuthorBio({ authors }: { authors: ArticleAuthor[] }) {
  if (authors.length === 0) return null
  return (
    <section className="author-bio" aria-labelledby="author-bio-heading">
      <h2 id="author-bio-heading">{authors.length === 1 ? 'About the author' : 'About the authors'}</h2>
      {authors.map((author) => (
        <div key={author._id} className="author-bio__person">
          {author.photo && <SanityImage image={author.photo} width={160} height={160} sizes="5rem" className="avatar" />}
          <div>
            <h3>
              <Link href={paths.author(author.slug)}>{author.name}</Link>
            </h3>
            <BioText value={author.bio} />
          </div>
        </div>
      ))}
    </section>
  )
}
