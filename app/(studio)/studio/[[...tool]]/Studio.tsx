'use client'

import { NextStudio } from 'next-sanity/studio/client-component'
import { useMemo, useSyncExternalStore } from 'react'

import { browserStudioConfig } from '@/sanity.config'

const neverChanges = () => () => {}

/**
 * The Studio, configured for the page's origin once it runs in the browser (the server renders
 * an empty shell). `next-sanity/studio/client-component`, not `next-sanity/studio`: the latter
 * adds a script from Sanity's CDN.
 */
export function Studio() {
  const origin = useSyncExternalStore(
    neverChanges,
    () => window.location.origin,
    () => null,
  )
  const config = useMemo(() => (origin ? browserStudioConfig(origin) : null), [origin])
  return config ? <NextStudio config={config} /> : null
}
