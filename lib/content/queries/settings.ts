import { defineQuery } from 'next-sanity'
import { z } from 'zod'

import { referenceList, researchLinkFields, researchLinkSchema } from './fragments'

export const siteSettingsQuery = defineQuery(`*[_id == "siteSettings"][0]{
  title,
  description,
  "latestResearch": latestResearch{heading, text, "links": links[]->${researchLinkFields}},
  "navigation": coalesce(navigation[]{label, href}, []),
  "footer": footer{text, "links": coalesce(links[]{label, href}, [])}
}`)

const href = z
  .string()
  .refine((value) => value.startsWith('/') || /^https?:\/\//.test(value), 'must be a site path or an http(s) URL')
const navItemSchema = z.object({ label: z.string().min(1), href })

export const DEFAULT_SETTINGS = {
  title: 'Insights',
  description: 'Research and ideas for leaders.',
  latestResearch: { heading: 'Discover our latest research', text: '', links: [] },
  navigation: [],
  footer: { text: '', links: [] },
} as const

/** Every field has a default, so a missing or half-filled settings document still renders. */
const settingsObject = z.object({
    title: z.string().min(1).nullish().transform((title) => title ?? DEFAULT_SETTINGS.title),
    description: z.string().nullish().transform((text) => text ?? DEFAULT_SETTINGS.description),
    latestResearch: z
      .object({
        heading: z.string().nullish().transform((heading) => heading || DEFAULT_SETTINGS.latestResearch.heading),
        text: z.string().nullish().transform((text) => text ?? ''),
        links: referenceList(researchLinkSchema),
      })
      .nullish()
      .transform((block) => block ?? { ...DEFAULT_SETTINGS.latestResearch, links: [] }),
    navigation: z.array(navItemSchema),
    footer: z
      .object({ text: z.string().nullish().transform((text) => text ?? ''), links: z.array(navItemSchema) })
      .nullish()
      .transform((footer) => footer ?? { text: '', links: [] }),
})

export type SiteSettings = z.output<typeof settingsObject>

/** The settings a site without a settings document (or with the CMS down) renders with. */
export const DEFAULT_SETTINGS_VALUE: SiteSettings = settingsObject.parse({ navigation: [] })

export const siteSettingsSchema = settingsObject.nullable().transform((settings) => settings ?? DEFAULT_SETTINGS_VALUE)
