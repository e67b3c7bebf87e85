/** @jest-environment jsdom */
import { render } from '@testing-library/react'

import { JsonLd } from '@/components/JsonLd'
import type { Article } from '@/lib/content'
import { articleJsonLd } from '@/lib/seo/jsonld'
import { leadershipArticle } from '@/tests/fixtures/content'

describe('JsonLd', () => {
  it('renders one script whose text is the data, even when the content tries to close it', () => {
    const title = 'Ends here</script><img src=x onerror="alert(1)">'
    const article: Article = { ...leadershipArticle, title }
    // Parse the markup as a browser would, from the HTML string, not from React's DOM.
    const { container } = render(<JsonLd data={articleJsonLd(article)} />)
    const document = new DOMParser().parseFromString(`<html><head>${container.innerHTML}</head></html>`, 'text/html')
    const scripts = document.querySelectorAll('script')
    expect(scripts).toHaveLength(1)
    expect(document.querySelector('img')).toBeNull()
    expect(scripts[0]?.getAttribute('type')).toBe('application/ld+json')
    const data = JSON.parse(scripts[0]?.textContent ?? '')
    expect(data['@graph'][0].headline).toBe(title)
  })
})
