/**
 * The page a reader gets when a page has never been rendered and the content source is down:
 * status 503 with Retry-After, so browsers, crawlers and CDNs know to come back, and a page
 * that says so without JavaScript. Self-contained: it needs nothing the failed render would have made.
 */
export const RETRY_AFTER_SECONDS = 30

export function unavailablePage(siteName: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Temporarily unavailable | ${escapeHtml(siteName)}</title>
<style>
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.5 }
  body { margin: 0 auto; max-width: 40rem; padding: 3rem 1.25rem }
  a { color: inherit }
</style>
</head>
<body>
<header><a href="/">${escapeHtml(siteName)}</a></header>
<main>
<h1>This page is temporarily unavailable</h1>
<p>Our content service is not answering right now, so this page cannot be shown. Please try again in a minute.</p>
<p><a href="/">Go to the home page</a></p>
</main>
</body>
</html>
`
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}
