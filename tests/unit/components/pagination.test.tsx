/** @jest-environment jsdom */
import { render, screen, within } from '@testing-library/react'

import { Pagination } from '@/components/Pagination'

const hrefFor = (page: number) => `/insights?page=${page}`

describe('Pagination', () => {
  it('links to the previous and next pages and says where the reader is', () => {
    render(<Pagination page={2} pageCount={5} hrefFor={hrefFor} />)
    const nav = screen.getByRole('navigation', { name: 'Pagination' })
    expect(within(nav).getByRole('link', { name: 'Previous' })).toHaveAttribute('href', '/insights?page=1')
    expect(within(nav).getByRole('link', { name: 'Next' })).toHaveAttribute('href', '/insights?page=3')
    expect(within(nav).getByText('Page 2 of 5')).toBeInTheDocument()
  })

  it('has no Previous on the first page and no Next on the last', () => {
    const { rerender } = render(<Pagination page={1} pageCount={5} hrefFor={hrefFor} />)
    expect(screen.queryByRole('link', { name: 'Previous' })).toBeNull()
    expect(screen.getByRole('link', { name: 'Next' })).toBeInTheDocument()
    rerender(<Pagination page={5} pageCount={5} hrefFor={hrefFor} />)
    expect(screen.getByRole('link', { name: 'Previous' })).toHaveAttribute('href', '/insights?page=4')
    expect(screen.queryByRole('link', { name: 'Next' })).toBeNull()
  })

  it('renders nothing for a single page', () => {
    const { container } = render(<Pagination page={1} pageCount={1} hrefFor={hrefFor} />)
    expect(container).toBeEmptyDOMElement()
  })
})
