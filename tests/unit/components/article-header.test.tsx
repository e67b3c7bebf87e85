/** @jest-environment jsdom */
import { render, screen, within } from '@testing-library/react'

import { ArticleHeader } from '@/components/article/ArticleHeader'
import { leadershipArticle } from '@/tests/fixtures/content'

describe('ArticleHeader', () => {
  beforeEach(() => render(<ArticleHeader article={leadershipArticle} />))

  it('shows the title as the page heading and the standfirst as its lead', () => {
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(
      'The shifting position of leadership in a time of digital disruption',
    )
    expect(screen.getByText('How to “lead from behind”').tagName).toBe('P')
  })

  it('tells the reader how long it takes and when it was published', () => {
    expect(screen.getByText('3 min.')).toBeInTheDocument()
    const date = screen.getByText('August 2018')
    expect(date.tagName).toBe('TIME')
    expect(date).toHaveAttribute('dateTime', '2018-08-14T09:00:00Z')
  })

  it('links each author to their page and names their role', () => {
    const authors = screen.getByRole('list', { name: 'Authors' })
    expect(within(authors).getByRole('link', { name: 'Jennifer Jordan' })).toHaveAttribute('href', '/authors/jennifer-jordan')
    expect(within(authors).getByText('Professor of Leadership and Organizational Behavior')).toBeInTheDocument()
  })

  it('files the article under its topics', () => {
    const topics = screen.getByRole('list', { name: 'Topics' })
    expect(within(topics).getByRole('link', { name: 'Leadership' })).toHaveAttribute('href', '/topics/leadership')
    expect(within(topics).getByRole('link', { name: 'Digital transformation' })).toBeInTheDocument()
  })

  it('shows the main image with its alt text and intrinsic size, fetched first', () => {
    const image = screen.getByRole('img', { name: 'A leader standing at the back of a meeting room' })
    expect(image).toHaveAttribute('width', '1600')
    expect(image).toHaveAttribute('height', '900')
    expect(image).toHaveAttribute('fetchpriority', 'high')
    expect(image).not.toHaveAttribute('loading', 'lazy')
  })
})
