/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react'

import { AuthorBio } from '@/components/article/AuthorBio'
import { leadershipArticle } from '@/tests/fixtures/content'

describe('AuthorBio', () => {
  it('introduces the author with a link to their page, photo and bio', () => {
    render(<AuthorBio authors={leadershipArticle.authors} />)
    expect(screen.getByRole('heading', { level: 2, name: 'About the author' })).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Jennifer Jordan' })).toHaveAttribute('href', '/authors/jennifer-jordan')
    expect(screen.getByRole('img', { name: 'Portrait of Jennifer Jordan' })).toBeInTheDocument()
    expect(screen.getByText('Jennifer Jordan is Professor of Leadership and Organizational Behavior at IMD.')).toBeInTheDocument()
    expect(screen.getByText('power').tagName).toBe('EM')
  })

  it('uses the same safe links as the article body', () => {
    const { container } = render(<AuthorBio authors={leadershipArticle.authors} />)
    expect(screen.getByRole('link', { name: 'Read her faculty page' })).toHaveAttribute(
      'href',
      'https://www.imd.org/faculty/professors/jennifer-jordan/',
    )
    expect(screen.getByText(/this unsafe link/)).toBeInTheDocument()
    expect(container.querySelector('a[href^="javascript"]')).toBeNull()
  })

  it('says "authors" when there are several', () => {
    const [author] = leadershipArticle.authors
    if (!author) throw new Error('fixture needs an author')
    render(<AuthorBio authors={[author, { ...author, _id: 'author-2', name: 'Second Author', slug: 'second-author', photo: null }]} />)
    expect(screen.getByRole('heading', { level: 2, name: 'About the authors' })).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Second Author' })).toHaveAttribute('href', '/authors/second-author')
  })
})
