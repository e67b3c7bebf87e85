import { defineQuery } from 'next-sanity'
import { z } from 'zod'

import { isSafeLink } from '@/lib/routing/safe-link'

import { lenientList, referenceList, researchLinkFields, researchLinkSchema } from './fragments'

export const siteSettingsQuery = defineQuery(`*[_id == "siteSettings"][0]{
  title,
  description,
  "latestResearch": latestResearch{heading, text, "links": links[]->${researchLinkFields}},
  "navigation": coalesce(navigation[]{label, href}, []),
  "footer": footer{text, "links": coalesce(links[]{label, href}, [])}
}`)

const href = z.string().refine(isSafeLink, 'must be a site path, an http(s) URL or a mailto: address')
const navItemSchema = z.object({ label: z.string().min(1), href })
/** A bad menu entry (an unsafe scheme, no label) is dropped with a warning; the rest still render. */
const navItems = (label: string) => lenientList(label, navItemSchema)

/** Every field has a default, so a missing or half-filled settings document still renders. */
const settingsFields = z.object({
  title: z
    .string()
    .min(1)
    .nullish()
    .transform((title) => title ?? 'Insights'),
  description: z
    .string()
    .nullish()
    .transform((text) => text ?? 'Research and ideas for leaders.'),
  // A missing block reads as an empty one, so it gets the default heading too.
  latestResearch: z.preprocess(
    (block) => block ?? {},
    z.object({
      heading: z
        .string()
        .nullish()
        .transform((heading) => heading || 'Discover our latest research'),
      text: z
        .string()
        .nullish()
        .transform((text) => text ?? ''),
      links: referenceList('siteSettings.latestResearch.links', researchLinkSchema),
    }),
  ),
  navigation: navItems('siteSettings.navigation'),
  footer: z
    .object({
      text: z
        .string()
        .nullish()
        .transform((text) => text ?? ''),
      links: navItems('siteSettings.footer.links'),
    })
    .nullish()
    .transform((footer) => footer ?? { text: '', links: [] }),
})
export type SiteSettings = z.output<typeof settingsFields>

/** The settings a site without a settings document (or with the content source down) renders with. */
export const DEFAULT_SETTINGS_VALUE: SiteSettings = settingsFields.parse({ navigation: [] })

/** No settings document (null) reads as the defaults. */
export const siteSettingsSchema = settingsFields.nullable().transform((settings) => settings ?? DEFAULT_SETTINGS_VALUE)
