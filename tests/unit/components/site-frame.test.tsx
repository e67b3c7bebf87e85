/** @jest-environment jsdom */
import { render, screen, within } from '@testing-library/react'

import { SiteFrame } from '@/components/SiteFrame'
import { getSiteSettings } from '@/lib/content'
import { siteSettings } from '@/tests/fixtures/content'

// SiteFrame loads its own settings; the loader is replaced so a test can make it fail.
jest.mock('@/lib/content', () => ({ ...jest.requireActual('@/lib/content'), getSiteSettings: jest.fn() }))
const loadSettings = jest.mocked(getSiteSettings)

async function renderFrame() {
  render(await SiteFrame({ children: <p>The article itself</p> }))
}

function primaryNavigation() {
  const nav = screen.getByRole('navigation', { name: 'Primary' })
  return within(nav).getAllByRole('link').map((link) => [link.textContent, link.getAttribute('href')])
}

describe('SiteFrame', () => {
  let logged: jest.SpyInstance

  beforeEach(() => {
    loadSettings.mockReset()
    logged = jest.spyOn(console, 'error').mockImplementation(() => {})
  })
  afterEach(() => logged.mockRestore())

  it('puts the page in the main landmark between the editors’ header and footer', async () => {
    loadSettings.mockResolvedValue({ ...siteSettings, title: 'Faculty Insights' })
    await renderFrame()
    expect(within(screen.getByRole('main')).getByText('The article itself')).toBeInTheDocument()
    expect(within(screen.getByRole('banner')).getByRole('link', { name: 'Faculty Insights: home' })).toHaveAttribute('href', '/')
    expect(primaryNavigation()).toEqual([
      ['Insights', '/insights'],
      ['Research', '/research'],
      ['About IMD', 'https://www.imd.org/'],
    ])
    expect(within(screen.getByRole('contentinfo')).getByText('Faculty Insights')).toBeInTheDocument()
    expect(logged).not.toHaveBeenCalled()
  })

  it('still renders header, page and footer with the default site name and navigation when settings cannot be loaded', async () => {
    loadSettings.mockRejectedValue(new Error('lake unreachable'))
    await renderFrame()
    expect(within(screen.getByRole('main')).getByText('The article itself')).toBeInTheDocument()
    expect(within(screen.getByRole('banner')).getByRole('link', { name: 'Insights: home' })).toHaveAttribute('href', '/')
    expect(primaryNavigation()).toEqual([
      ['Insights', '/insights'],
      ['Research', '/research'],
    ])
    expect(within(screen.getByRole('search')).getByRole('searchbox', { name: 'Search insights' })).toBeInTheDocument()
    const footer = screen.getByRole('contentinfo')
    expect(within(footer).getByText('Insights')).toBeInTheDocument()
    expect(within(footer).queryByRole('navigation')).not.toBeInTheDocument()
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('site settings unavailable, using defaults: lake unreachable'))
  })
})
