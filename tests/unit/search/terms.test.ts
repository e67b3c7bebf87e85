import { displayQuery, matchPatterns, MAX_TERM_CHARS, MAX_TERMS, searchTerms } from '@/lib/search/terms'

describe('searchTerms', () => {
  it('turns a query into lower-case words', () => {
    expect(searchTerms('  Leadership   Digital-Disruption ')).toEqual(['leadership', 'digital', 'disruption'])
  })

  it('drops quotes, GROQ syntax, parameters and backslashes, keeping only words', () => {
    expect(searchTerms('"lead" \'from\' behind')).toEqual(['lead', 'from', 'behind'])
    expect(searchTerms('*]{ _id } | order($x) [0...9]')).toEqual(['id', 'order', 'x', '0', '9'])
    expect(searchTerms('$terms\\" || true) ] *[_type == "author"')).toEqual(['terms', 'true', 'type', 'author'])
    expect(searchTerms('*]{')).toEqual([])
    expect(searchTerms('\\\\\\')).toEqual([])
  })

  it('keeps words in any script and folds compatibility forms', () => {
    expect(searchTerms('Führung Стратегия 戦略 ｌｅａｄ')).toEqual(['führung', 'стратегия', '戦略', 'lead'])
  })

  it('caps the number and length of words, whatever the input size', () => {
    const long = searchTerms('x'.repeat(1_000))
    expect(long).toHaveLength(1)
    expect(long[0]).toHaveLength(MAX_TERM_CHARS)
    expect(searchTerms(Array.from({ length: 300 }, (_, i) => `w${i}`).join(' '))).toHaveLength(MAX_TERMS)
    expect(searchTerms('a a A a')).toEqual(['a'])
  })

  it('is empty for anything that is not text', () => {
    expect(searchTerms(undefined)).toEqual([])
    expect(searchTerms(['leadership'])).toEqual([])
    expect(searchTerms('')).toEqual([])
  })
})

describe('matchPatterns and displayQuery', () => {
  it('matches words of three or more characters as prefixes', () => {
    expect(matchPatterns(['lead', 'ai', 'ceo'])).toEqual(['lead*', 'ai', 'ceo*'])
  })

  it('shows the query back trimmed and capped', () => {
    expect(displayQuery('  <b>hi</b> ')).toBe('<b>hi</b>')
    expect(displayQuery('q'.repeat(1_000))).toHaveLength(200)
    expect(displayQuery(undefined)).toBe('')
  })
})
