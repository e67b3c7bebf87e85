import type { ShareLinkCheck } from '@/lib/content'
import { formatDateTime } from '@/lib/format'
import { paths } from '@/lib/routing/paths'
import { SITE_NAME } from '@/lib/seo/urls'

type Refused = Exclude<ShareLinkCheck, { status: 'valid' }>

function reason(check: Refused): { status: number; title: string; text: string } {
  switch (check.status) {
    case 'expired':
      return {
        status: 401,
        title: 'This preview link has expired',
        text: `It stopped working on ${formatDateTime(new Date(check.claims.expires * 1000).toISOString())}. Ask the editor who sent it for a new one.`,
      }
    case 'revoked':
      return {
        status: 401,
        title: 'This preview link was withdrawn',
        text: 'The editors have revoked it. Ask them for a new one if you still need it.',
      }
    case 'other-document':
      return {
        status: 401,
        title: 'This preview link is for another document',
        text: 'The link does not match what it was made for. Ask the editor who sent it for a new one.',
      }
    case 'unavailable':
      return { status: 503, title: 'Previews are off', text: 'This site cannot show previews at the moment. Please try again later.' }
    default:
      return {
        status: 401,
        title: 'This preview link is not valid',
        text: 'It may have been copied incompletely or changed. Open the link exactly as you received it, or ask for a new one.',
      }
  }
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/**
 * The answer to a share link that does not open: its status (401, or 503 when previews are off)
 * and a small page that says why, sets no cookie, is never cached or indexed and runs no script.
 */
export function shareLinkRefusal(check: Refused): Response {
  const { status, title, text } = reason(check)
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escape(title)} | ${SITE_NAME}</title>
<style>body{margin:0;font:1.0625rem/1.6 system-ui,'Segoe UI',Helvetica,Arial,sans-serif;color:#1c1b19;background:#fff}main{max-width:40rem;margin:0 auto;padding:4rem 1.5rem}h1{font-size:1.75rem;line-height:1.25}a{color:#0a4f9e}@media (prefers-color-scheme:dark){body{color:#ece9e4;background:#121316}a{color:#8cbcff}}</style>
</head>
<body>
<main>
<h1>${escape(title)}</h1>
<p>${escape(text)}</p>
<p><a href="${paths.home}">Go to ${SITE_NAME}</a></p>
</main>
</body>
</html>
`
  return new Response(html, {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'x-robots-tag': 'noindex' },
  })
}
