/**
 * The text index (lake/text-index.ts) copies groq-js's tokenizer and pattern rules; it must never
 * leave out a document that groq-js's `match` is true for. Each text and pattern below runs
 * through groq-js and through the index, and every match groq-js finds must be a candidate.
 */
import { evaluate, parse } from 'groq-js'

import type { LakeDocument } from '@/lake'
import { documentTokens, matchTokenize, patternRegexes, someToken, TextIndex } from '@/lake/text-index'

const texts = [
  'Leadership and teams',
  'leader.ship',
  'e.g. boards...',
  '...dots... at.edges.',
  'é..é',
  'CHLOÉ García',
  'ÇA ça',
  'straße STRASSE',
  'ı I i İ',
  'K k \u212A',
  '\u017Ftrong \uFB01ne Ärger 9lives',
  'team-work',
  "o'brien",
  'a*b a.b',
  '😀 emoji😀',
  'tab\tnew\nline',
  '[brackets] {braces} (parens) <angles>',
  '',
]
const patterns = [
  'lead*',
  'leader',
  'LEADERSHIP',
  'ship',
  'boards',
  'boards.',
  'dots',
  'é..é',
  'chloé',
  'GARCÍA',
  'ça',
  'strasse',
  'ß',
  'i',
  'k',
  'strong',
  's*',
  'fine',
  'f*',
  'ärger',
  '9*',
  'team work',
  "o'brien",
  'a.b',
  'a*b',
  '*',
  '😀',
  'emoji*',
  'new line',
  'brackets braces',
  '!!!',
  '',
]

const groqMatch = async (text: unknown, pattern: unknown) =>
  (await (await evaluate(parse('$t match $p'), { params: { t: text, p: pattern } })).get()) as boolean

describe('the text index never drops a true match', () => {
  const docs: LakeDocument[] = texts.map((t, i) => ({ _id: `d${i}`, _type: 't', title: t }))
  const index = new TextIndex(docs)
  it.each(patterns)('pattern %j', async (pattern) => {
    for (const [i, text] of texts.entries()) {
      if (!(await groqMatch(text, pattern))) continue
      const regexes = patternRegexes(pattern)
      expect(regexes).not.toBeNull()
      for (const re of regexes!) expect(index.withToken(re).has(`d${i}`)).toBe(true)
    }
  })
})

it('tokenizes as groq-js does: a text matches each of its own tokens', async () => {
  for (const text of texts) for (const token of matchTokenize(text)) expect(await groqMatch(text, token.replace(/\*/g, ''))).toBe(true)
})

it('walks the tokens matchTokenize gives, in order, and stops when asked', () => {
  for (const text of [...texts, texts.join('\n\n'), '...a.b.. c']) {
    const walked: string[] = []
    expect(someToken(text, (token) => (walked.push(token), false))).toBe(false)
    expect(walked).toEqual(matchTokenize(text))
  }
  const seen: string[] = []
  expect(someToken('one two three', (token) => (seen.push(token), token === 'two'))).toBe(true)
  expect(seen).toEqual(['one', 'two'])
})

it("reads a block's spans joined, as pt::text does", () => {
  const tokens = documentTokens({
    _id: 'x',
    body: [
      {
        _type: 'block',
        children: [
          { _type: 'span', text: 'lead' },
          { _type: 'span', text: 'ership' },
        ],
      },
    ],
  })
  expect(tokens.has('leadership')).toBe(true)
})

it('patterns that no text matches are null; arrays of strings are all their terms', () => {
  expect(patternRegexes('!!!')).toBeNull()
  expect(patternRegexes(['a', 3])).toBeNull()
  expect(patternRegexes(7)).toBeNull()
  expect(patternRegexes(['team', 'lead*'])?.map(String)).toEqual(['/^team$/i', '/^lead.*$/i'])
})

it('grows with writes and lists a draft under its published id too', () => {
  const index = new TextIndex([{ _id: 'a', _type: 't', title: 'one' }])
  index.add({ _id: 'drafts.a', _type: 't', title: 'two' })
  expect([...index.withToken(/^two$/i)].sort()).toEqual(['a', 'drafts.a'])
  expect([...index.withToken(/^one$/i)]).toEqual(['a'])
})
