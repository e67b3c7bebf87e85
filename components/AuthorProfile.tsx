import type { Author } from '@/lib/content'

import { BioText } from './article/BioText'
import { SanityImage } from './SanityImage'

/** The head of an author's page: name as h1, role and affiliation, photo, bio, profile links. */
export function AuthorProfile({ author }: { author: Omit<Author, 'articles'> }) {
  const position = [author.role, author.affiliation].filter(Boolean).join(', ')
  return (
    <header className="author-profile">
      {author.photo && (
        <SanityImage image={author.photo} width={320} height={320} sizes="10rem" className="avatar avatar--large" priority />
      )}
      <div>
        <h1>{author.name}</h1>
        {position && <p className="lead">{position}</p>}
        <div className="prose">
          <BioText value={author.bio} />
        </div>
        {author.links.length > 0 && (
          <ul className="author-profile__links">
            {author.links.map((link) => (
              <li key={link.url}>
                <a href={link.url} rel="noopener noreferrer">
                  {link.label}
                </a>
              </li>
            ))}
          </ul>
        )}
      </div>
    </header>
  )
}
