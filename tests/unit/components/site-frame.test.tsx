/** @jest-environment jsdom */
import { render, screen, within } from '@testing-library/react'

import { SiteFrame } from '@/components/SiteFrame'
import { getSiteSettings } from '@/lib/content'
import { siteSettings } from '@/tests/fixtures/content'

// SiteFrame loads its own settings; the loader is replaced so a test can make it fail.
jest.mock('@/lib/content', () => ({ ...jest.requireActual('@/lib/content'), getSiteSettings: jest.fn() }))
const loadSettings = jest.mocked(getSiteSettings)

/** What a reader finds around the page: the page in the main landmark, the header's home link and navigation, the footer. */
async function renderFrame() {
  render(await SiteFrame({ children: <p>The article itself</p> }))
  const header = screen.getByRole('banner')
  return {
    main: screen.getByRole('main').textContent,
    home: within(header)
      .getByRole('link', { name: /: home$/ })
      .getAttribute('aria-label'),
    navigation: within(screen.getByRole('navigation', { name: 'Primary' }))
      .getAllByRole('link')
      .map((link) => `${link.textContent} ${link.getAttribute('href')}`),
    search: within(header).queryByRole('searchbox', { name: 'Search insights' }) !== null,
    footer: screen.getByRole('contentinfo').textContent,
  }
}

describe('SiteFrame', () => {
  let logged: jest.SpyInstance

  beforeEach(() => {
    loadSettings.mockReset()
    logged = jest.spyOn(console, 'error').mockImplementation(() => {})
  })
  afterEach(() => logged.mockRestore())

  it('puts the page between a header and footer made from the editors’ settings', async () => {
    loadSettings.mockResolvedValue({ ...siteSettings, title: 'Faculty Insights' })
    expect(await renderFrame()).toEqual({
      main: 'The article itself',
      home: 'Faculty Insights: home',
      navigation: ['Insights /insights', 'Research /research', 'About IMD https://www.imd.org/'],
      search: true,
      footer: 'Faculty InsightsInsights is published by the faculty of a business school.Privacy',
    })
    expect(logged).not.toHaveBeenCalled()
  })

  it('still renders the page, header and footer, with the default site name and navigation, when settings cannot be loaded', async () => {
    loadSettings.mockRejectedValue(new Error('lake unreachable'))
    expect(await renderFrame()).toEqual({
      main: 'The article itself',
      home: 'Insights: home',
      navigation: ['Insights /insights', 'Research /research'],
      search: true,
      footer: 'Insights',
    })
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('site settings unavailable, using defaults: lake unreachable'))
  })
})
