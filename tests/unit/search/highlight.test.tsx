/** @jest-environment jsdom */
import { render } from '@testing-library/react'

import { Highlight } from '@/components/Highlight'
import { excerpt, highlight } from '@/lib/search/highlight'

describe('highlight', () => {
  it('marks whole words and prefixes of longer words, case-insensitively', () => {
    expect(highlight('Leaders lead; a leadership team.', ['lead', 'a'])).toEqual([
      { text: 'Leaders', match: true },
      { text: ' ', match: false },
      { text: 'lead', match: true },
      { text: '; ', match: false },
      { text: 'a', match: true },
      { text: ' ', match: false },
      { text: 'leadership', match: true },
      { text: ' team.', match: false },
    ])
  })

  it('does not mark a short word inside another word', () => {
    expect(highlight('AI is said to aid', ['ai'])).toEqual([
      { text: 'AI', match: true },
      { text: ' is said to aid', match: false },
    ])
  })

  it('leaves text without terms as one plain segment', () => {
    expect(highlight('Nothing to see', [])).toEqual([{ text: 'Nothing to see', match: false }])
    expect(highlight('', ['x'])).toEqual([])
  })
})

describe('Highlight rendering', () => {
  it('puts matches in <mark> and renders markup in the text as text', () => {
    const { container } = render(
      <Highlight text={'<img src=x onerror="alert(1)"> Leadership & <mark>power</mark>'} terms={['leadership', 'power', 'img']} />,
    )
    expect(container.querySelector('img')).toBeNull()
    expect([...container.querySelectorAll('mark')].map((mark) => mark.textContent)).toEqual(['img', 'Leadership', 'power'])
    expect(container.textContent).toBe('<img src=x onerror="alert(1)"> Leadership & <mark>power</mark>')
    expect(container.innerHTML).toContain('&lt;<mark>img</mark> src=x')
  })
})

describe('excerpt', () => {
  const text = `${'Opening words fill the start. '.repeat(10)}Here the leadership question finally appears. ${'Closing words fill the end. '.repeat(10)}`

  it('shows the text around the first match, cut at word boundaries', () => {
    const snippet = excerpt(text, ['leadership'], 120)
    expect(snippet).toContain('leadership')
    expect(snippet.startsWith('… ')).toBe(true)
    expect(snippet.endsWith(' …')).toBe(true)
    expect(snippet.length).toBeLessThanOrEqual(124)
    // Cut between words: the snippet is a run of whole words from the text.
    expect(text).toContain(` ${snippet.slice(2, -2)} `)
  })

  it('shows the opening when nothing matches, and short text whole', () => {
    expect(excerpt(text, ['absent'], 60).startsWith('Opening words')).toBe(true)
    expect(excerpt('Short text', ['x'])).toBe('Short text')
  })
})
