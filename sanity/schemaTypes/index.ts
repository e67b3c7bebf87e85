import type { SchemaTypeDefinition } from 'sanity'

import { article } from './documents/article'
import { author } from './documents/author'
import { previewGrant } from './documents/previewGrant'
import { researchHubLink } from './documents/researchHubLink'
import { topic } from './documents/topic'
import { bodyImage } from './objects/bodyImage'
import { navItem } from './objects/navItem'
import { articleBody, authorBio } from './objects/portableText'
import { profileLink } from './objects/profileLink'
import { pullQuote } from './objects/pullQuote'
import { seo } from './objects/seo'
import { siteSettings } from './singletons/siteSettings'

export { SITE_SETTINGS_ID } from './singletons/siteSettings'

/** Every type of the content model; sanity/README.md is the map of their fields. */
export const schemaTypes: SchemaTypeDefinition[] = [
  article,
  author,
  researchHubLink,
  topic,
  siteSettings,
  previewGrant,
  seo,
  profileLink,
  navItem,
  pullQuote,
  bodyImage,
  articleBody,
  authorBio,
]

/** Types only an action makes (share links): never offered under "Create new", only deleted. */
export const madeByActionTypes: ReadonlySet<string> = new Set([previewGrant.name])

/** Types edited as a single document rather than a list. */
export const singletonTypes: ReadonlySet<string> = new Set([siteSettings.name])
