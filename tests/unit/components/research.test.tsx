/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react'

import { LatestResearch } from '@/components/LatestResearch'
import { ResearchLinks } from '@/components/ResearchLinks'
import { emptySiteSettings, leadershipArticle, siteSettings } from '@/tests/fixtures/content'

describe('ResearchLinks', () => {
  it('links to the knowledge hub and says what is there', () => {
    render(<ResearchLinks links={leadershipArticle.researchLinks} />)
    expect(screen.getByRole('heading', { level: 2, name: 'Research' })).toBeInTheDocument()
    const hub = screen.getByRole('link', { name: 'Research Information & Knowledge Hub' })
    expect(hub).toHaveAttribute('href', 'https://www.imd.org/research-knowledge/')
    expect(hub).toHaveAttribute('rel', 'noopener noreferrer')
    expect(screen.getByText('for additional information on IMD publications')).toBeInTheDocument()
    expect(screen.getByText('Research hub')).toBeInTheDocument()
  })

  it('takes a heading from the page and renders nothing without links', () => {
    const { container, rerender } = render(<ResearchLinks links={leadershipArticle.researchLinks} heading="Further research" />)
    expect(screen.getByRole('heading', { name: 'Further research' })).toBeInTheDocument()
    rerender(<ResearchLinks links={[]} />)
    expect(container).toBeEmptyDOMElement()
  })
})

describe('LatestResearch', () => {
  it('invites the reader to the latest research', () => {
    render(<LatestResearch block={siteSettings.latestResearch} />)
    expect(screen.getByRole('heading', { level: 2, name: 'Discover our latest research' })).toBeInTheDocument()
    expect(screen.getByText(/publish articles, case studies, books and reports/)).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Case studies' })).toHaveAttribute(
      'href',
      'https://www.imd.org/research-knowledge/case-studies/',
    )
  })

  it('still has its heading when settings are empty', () => {
    render(<LatestResearch block={emptySiteSettings.latestResearch} />)
    expect(screen.getByRole('heading', { level: 2, name: 'Discover our latest research' })).toBeInTheDocument()
    expect(screen.queryByRole('link')).toBeNull()
  })
})
