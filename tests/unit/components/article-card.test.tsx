/** @jest-environment jsdom */
import { render, screen, within } from '@testing-library/react'

import { ArticleCard } from '@/components/ArticleCard'
import { ArticleList } from '@/components/ArticleList'
import { RelatedArticles } from '@/components/RelatedArticles'
import { hybridTeamsArticleCard, leadershipArticleCard } from '@/tests/fixtures/content'

describe('ArticleCard', () => {
  it('links the title to the article and shows what a reader needs to choose it', () => {
    render(<ArticleCard article={leadershipArticleCard} />)
    const heading = screen.getByRole('heading', { level: 3 })
    expect(within(heading).getByRole('link')).toHaveAttribute('href', '/insights/shifting-position-of-leadership')
    expect(heading).toHaveTextContent('The shifting position of leadership in a time of digital disruption')
    expect(screen.getByText('How to “lead from behind”')).toBeInTheDocument()
    expect(screen.getByText('Jennifer Jordan')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Leadership' })).toHaveAttribute('href', '/topics/leadership')
    expect(screen.getByText('3 min.')).toBeInTheDocument()
    expect(screen.getByText('August 2018')).toHaveAttribute('dateTime', '2018-08-14T09:00:00Z')
    expect(screen.getByRole('img', { name: 'A leader standing at the back of a meeting room' })).toHaveAttribute('height', '405')
  })

  it('computes reading time from the word count and works without an image', () => {
    render(<ArticleCard article={hybridTeamsArticleCard} headingLevel={2} />)
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent('Leading hybrid teams without losing the thread')
    expect(screen.getByText('6 min.')).toBeInTheDocument()
    expect(screen.getByText('March 2021')).toBeInTheDocument()
    expect(screen.queryByRole('img')).toBeNull()
  })
})

describe('ArticleList', () => {
  it('lists one card per article', () => {
    render(<ArticleList articles={[leadershipArticleCard, hybridTeamsArticleCard]} />)
    expect(screen.getAllByRole('article')).toHaveLength(2)
    expect(screen.getAllByRole('heading', { level: 3 })).toHaveLength(2)
  })

  it('says so when there is nothing to list', () => {
    render(<ArticleList articles={[]} />)
    expect(screen.getByText('No articles yet.')).toBeInTheDocument()
  })
})

describe('RelatedArticles', () => {
  it('offers related articles under their own heading', () => {
    render(<RelatedArticles articles={[hybridTeamsArticleCard]} />)
    expect(screen.getByRole('heading', { level: 2, name: 'Related articles' })).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Leading hybrid teams without losing the thread' })).toHaveAttribute(
      'href',
      '/insights/leading-hybrid-teams',
    )
  })

  it('renders nothing without related articles', () => {
    const { container } = render(<RelatedArticles articles={[]} />)
    expect(container).toBeEmptyDOMElement()
  })
})
