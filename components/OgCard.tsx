/**
 * The 1200x630 cards that stand in for an image when a page is shared. Rendered by next/og
 * (satori), which understands a subset of CSS: flexbox layout and inline styles only.
 */
const INK = '#14213d'
const PAPER = '#fbf8f3'
const ACCENT = '#b5452c'

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).replace(/\s+\S*$/, '')}…`
}

interface Props {
  siteName: string
  title: string
  standfirst?: string
  byline?: string
}

export function OgCard({ siteName, title, standfirst, byline }: Props) {
  return (
    <div
      style={{
        width: '100%',
        height: '100%',
        display: 'flex',
        flexDirection: 'column',
        justifyContent: 'space-between',
        padding: '64px 72px',
        background: PAPER,
        color: INK,
        fontFamily: 'Inter',
      }}
    >
      <div style={{ display: 'flex', alignItems: 'center', fontSize: 30, fontWeight: 700, letterSpacing: 1 }}>
        <div style={{ width: 16, height: 40, background: ACCENT, marginRight: 20 }} />
        {siteName}
      </div>
      <div style={{ display: 'flex', flexDirection: 'column' }}>
        <div style={{ fontFamily: 'Source Serif 4', fontWeight: 700, fontSize: title.length > 70 ? 56 : 68, lineHeight: 1.1 }}>
          {clip(title, 120)}
        </div>
        {standfirst && <div style={{ marginTop: 28, fontSize: 32, lineHeight: 1.35, color: '#3d4a63' }}>{clip(standfirst, 160)}</div>}
      </div>
      <div style={{ display: 'flex', fontSize: 28, fontWeight: 700, color: ACCENT }}>{byline ?? ''}</div>
    </div>
  )
}
