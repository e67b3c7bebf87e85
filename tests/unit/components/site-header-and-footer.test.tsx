/** @jest-environment jsdom */
import { render, screen, within } from '@testing-library/react'

import { SiteFooter } from '@/components/SiteFooter'
import { SiteHeader } from '@/components/SiteHeader'
import { emptySiteSettings, siteSettings } from '@/tests/fixtures/content'

describe('SiteHeader', () => {
  it('lets keyboard users skip straight to the content', () => {
    render(<SiteHeader settings={siteSettings} />)
    const [first] = screen.getAllByRole('link')
    expect(first).toHaveTextContent('Skip to content')
    expect(first).toHaveAttribute('href', '#main')
  })

  it('links the site title home and shows the editors’ navigation', () => {
    render(<SiteHeader settings={siteSettings} />)
    expect(screen.getByRole('link', { name: 'Insights: home' })).toHaveAttribute('href', '/')
    const nav = screen.getByRole('navigation', { name: 'Primary' })
    expect(within(nav).getByRole('link', { name: 'Insights' })).toHaveAttribute('href', '/insights')
    expect(within(nav).getByRole('link', { name: 'About IMD' })).toHaveAttribute('rel', 'noopener noreferrer')
  })

  it('falls back to Insights and Research when no navigation is set', () => {
    render(<SiteHeader settings={emptySiteSettings} />)
    const nav = screen.getByRole('navigation', { name: 'Primary' })
    expect(
      within(nav)
        .getAllByRole('link')
        .map((link) => [link.textContent, link.getAttribute('href')]),
    ).toEqual([
      ['Insights', '/insights'],
      ['Research', '/research'],
    ])
  })

  it('has a search form that sends the query to /search', () => {
    render(<SiteHeader settings={siteSettings} />)
    const search = screen.getByRole('search')
    expect(search).toHaveAttribute('action', '/search')
    expect(search).toHaveAttribute('method', 'get')
    expect(within(search).getByRole('searchbox', { name: 'Search insights' })).toHaveAttribute('name', 'q')
    expect(within(search).getByRole('button', { name: 'Search' })).toBeInTheDocument()
  })
})

describe('SiteFooter', () => {
  it('shows the footer text and links', () => {
    render(<SiteFooter settings={siteSettings} />)
    expect(screen.getByText('Insights is published by the faculty of a business school.')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Privacy' })).toHaveAttribute('href', '/privacy')
  })
})
