import { JSDOM } from 'jsdom'

/** A served page as a reader's document: query it by what is on screen. */
export async function getPage(url: string): Promise<{ status: number; document: Document; html: string; headers: Headers }> {
  const response = await fetch(url, { redirect: 'manual' })
  const html = await response.text()
  return { status: response.status, html, headers: response.headers, document: new JSDOM(html).window.document }
}

/** Visible text of an element, whitespace folded. */
export function text(node: Element | Document | null | undefined): string {
  const root = node && 'body' in node ? node.body : node
  return (root?.textContent ?? '').replace(/\s+/g, ' ').trim()
}
