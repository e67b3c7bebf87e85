import type { ReactNode } from 'react'

// The Studio's own document: none of the site's global styles, fonts or frame.
export default function StudioLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body style={{ margin: 0 }}>{children}</body>
    </html>
  )
}
