/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react'

import { ArticleBody } from '@/components/article/ArticleBody'
import { safeHref } from '@/components/article/RichText'
import type { PortableTextValue } from '@/lib/content'
import { leadershipArticle } from '@/tests/fixtures/content'

describe('ArticleBody', () => {
  it('renders the section headings at the levels the editor chose', () => {
    render(<ArticleBody value={leadershipArticle.body} />)
    expect(screen.getByRole('heading', { level: 2, name: 'Why standing behind works' })).toBeInTheDocument()
    expect(screen.getByRole('heading', { level: 3, name: 'Taking the hits' })).toBeInTheDocument()
  })

  it('renders bullet and numbered lists', () => {
    render(<ArticleBody value={leadershipArticle.body} />)
    const [bullets, numbers] = screen.getAllByRole('list')
    expect(bullets?.tagName).toBe('UL')
    expect(numbers?.tagName).toBe('OL')
    expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'It gives the team the spotlight',
      'It keeps the leader accountable',
      'Frame the strategy',
      'Free up resources',
    ])
  })

  it('keeps emphasis as strong and em', () => {
    render(<ArticleBody value={leadershipArticle.body} />)
    expect(screen.getByText('Few of them').tagName).toBe('STRONG')
    expect(screen.getByText('that is fine').tagName).toBe('EM')
  })

  it('sets quotes apart, the pull quote with its attribution', () => {
    render(<ArticleBody value={leadershipArticle.body} />)
    expect(screen.getByText('Credit flows back to the one who made room for others.').closest('blockquote')).not.toBeNull()
    const pullQuote = screen.getByText('Leading from behind is not leading less.').closest('figure')
    expect(pullQuote?.querySelector('blockquote')).not.toBeNull()
    expect(pullQuote?.querySelector('figcaption')).toHaveTextContent('Jennifer Jordan')
  })

  it('shows body images with alt text and caption', () => {
    render(<ArticleBody value={leadershipArticle.body} />)
    const image = screen.getByRole('img', { name: 'A team gathered around a whiteboard' })
    expect(image).toHaveAttribute('width', '1408')
    expect(image).toHaveAttribute('height', '939')
    expect(image.closest('figure')?.querySelector('figcaption')).toHaveTextContent('Teams that own the groundwork own the result.')
  })

  it('keeps the box of an editor-cropped image, and skips an image without alt text', () => {
    const asset = { _ref: 'image-0a1b2c3d4e5f60718293a4b5c6d7e8f901234567-1200x800-jpg' }
    const value: PortableTextValue = [
      // Cropping half the width away leaves a 600x800 picture: 1408 wide is 1877 high.
      { _type: 'bodyImage', _key: 'c1', asset, alt: 'A cropped portrait', crop: { top: 0, bottom: 0, left: 0.25, right: 0.25 } },
      { _type: 'bodyImage', _key: 'c2', asset, caption: 'An image nobody described' },
    ]
    render(<ArticleBody value={value} />)
    expect(screen.getByRole('img', { name: 'A cropped portrait' })).toHaveAttribute('height', '1877')
    expect(screen.getAllByRole('img')).toHaveLength(1)
    expect(screen.queryByText('An image nobody described')).toBeNull()
  })

  it('links out over http(s) without an opener, and lets mailto links work', () => {
    render(<ArticleBody value={leadershipArticle.body} />)
    const hub = screen.getByRole('link', { name: 'our research hub' })
    expect(hub).toHaveAttribute('href', 'https://www.imd.org/research-knowledge/')
    expect(hub).toHaveAttribute('rel', 'noopener noreferrer')
    expect(screen.getByRole('link', { name: 'email the editors' })).toHaveAttribute('href', 'mailto:insights@example.org')
  })

  it('never turns a javascript: href into a link, but keeps the words', () => {
    const { container } = render(<ArticleBody value={leadershipArticle.body} />)
    expect(screen.getByText(/this script link/)).toBeInTheDocument()
    expect(screen.queryByRole('link', { name: 'this script link' })).toBeNull()
    expect(container.querySelector('a[href^="javascript"]')).toBeNull()
  })

  it('links internal references to the article page, and leaves unresolved ones as text', () => {
    render(<ArticleBody value={leadershipArticle.body} />)
    expect(screen.getByRole('link', { name: 'leading hybrid teams' })).toHaveAttribute('href', '/insights/leading-hybrid-teams')
    expect(screen.getByText(/an unpublished piece/)).toBeInTheDocument()
    expect(screen.queryByRole('link', { name: 'an unpublished piece' })).toBeNull()
  })

  it('renders nothing for block types it does not know, without warning', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {})
    const value: PortableTextValue = [
      { _type: 'videoEmbed', _key: 'v1', url: 'https://video.example.org/1' },
      {
        _type: 'block',
        _key: 'b1',
        style: 'normal',
        markDefs: [],
        children: [{ _type: 'span', _key: 's1', text: 'After the video.', marks: [] }],
      },
    ]
    const { container } = render(<ArticleBody value={value} />)
    expect(container).toHaveTextContent(/^After the video\.$/)
    expect(container.querySelectorAll('.article-body > *')).toHaveLength(1)
    expect(warn).not.toHaveBeenCalled()
    warn.mockRestore()
  })
})

describe('safeHref', () => {
  it.each([
    ['https://example.org/a', 'https://example.org/a'],
    ['http://example.org/', 'http://example.org/'],
    ['mailto:someone@example.org', 'mailto:someone@example.org'],
  ])('keeps %s', (href, expected) => expect(safeHref(href)).toBe(expected))

  it.each(['javascript:alert(1)', ' JavaScript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,hi', '/relative', '', undefined, 42])(
    'refuses %p',
    (href) => expect(safeHref(href)).toBeNull(),
  )
})
