import { parseLifetime, readShareLink, shareLinkKey, signShareLink } from '@/lib/preview/share-links'

const KEY = shareLinkKey(undefined, 'a-token-that-reads-drafts-000000')!
const CLAIMS = { grant: 'preview-grant.abc', document: 'article-x', expires: 2_000_000_000 }
const NOW = 1_900_000_000_000

describe('share links', () => {
  it('read back what they were signed with, until they expire', () => {
    const token = signShareLink(KEY, CLAIMS)
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/)
    expect(readShareLink(KEY, token, NOW)).toEqual({ ok: true, claims: CLAIMS })
    expect(readShareLink(KEY, token, CLAIMS.expires * 1000)).toEqual({ ok: false, reason: 'expired', claims: CLAIMS })
  })

  it('are refused when any part is changed, or signed with another key', () => {
    const token = signShareLink(KEY, CLAIMS)
    const [payload, signature] = token.split('.') as [string, string]
    const forged = Buffer.from(JSON.stringify([CLAIMS.grant, 'article-y', CLAIMS.expires])).toString('base64url')
    expect(readShareLink(KEY, `${forged}.${signature}`, NOW)).toEqual({ ok: false, reason: 'tampered' })
    expect(readShareLink(KEY, `${payload}.${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`, NOW).ok).toBe(false)
    expect(readShareLink(shareLinkKey(undefined, 'another-token-000000000000000')!, token, NOW)).toEqual({ ok: false, reason: 'tampered' })
    expect(readShareLink(KEY, 'garbage', NOW)).toEqual({ ok: false, reason: 'malformed' })
  })

  it('take a lifetime from 1 minute to 30 days', () => {
    expect([parseLifetime('90m'), parseLifetime('24h'), parseLifetime('7d'), parseLifetime('3600')]).toEqual([5400, 86_400, 604_800, 3600])
    for (const bad of ['0m', '59s', '31d', '-1h', 'soon', '1w', '']) expect(() => parseLifetime(bad)).toThrow(/a lifetime like/)
  })

  it('are signed with PREVIEW_LINK_SECRET when set, else a key derived from the token (never the token itself)', () => {
    expect(shareLinkKey('x'.repeat(32), 'tok')).toBe('x'.repeat(32))
    expect(shareLinkKey(undefined, 'a-token-that-reads-drafts-000000')).not.toContain('a-token')
    expect(shareLinkKey(undefined, undefined)).toBeUndefined()
  })
})
