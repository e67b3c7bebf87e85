import { defineArrayMember, defineField } from 'sanity'

/** Longest slug the Generate button makes. */
export const SLUG_MAX_LENGTH = 96

/** Latin letters that Unicode does not decompose into a base letter and an accent. */
const LATIN_LETTERS: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' }

/**
 * A title as a slug: lower case, accents stripped from Latin letters ("Café Società" ->
 * "cafe-societa"), every run of anything but letters and digits one hyphen, at most 96 characters
 * (cut between characters, never inside one). Letters of other scripts are kept (the site
 * percent-encodes them); their combining marks belong to the letter and stay.
 */
export function slugify(input: string): string {
  const letters = input
    .normalize('NFKD')
    .replace(/(\p{Script=Latin})\p{M}+/gu, '$1')
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (letter) => LATIN_LETTERS[letter] ?? letter)
    .normalize('NFC')
  const words = letters.match(/[\p{L}\p{M}\p{N}]+/gu) ?? []
  return Array.from(words.join('-')).slice(0, SLUG_MAX_LENGTH).join('').replace(/-+$/, '')
}

/**
 * The `slug` field of a document: generated from `source` with {@link slugify}, unique among
 * documents of the type (the slug type's own check, whose message is Sanity's "Slug is already in
 * use"), and required: a missing slug gets `missing`, the only message of the field's own rule.
 */
export function slugField({ source, missing, group }: { source: string; missing: string; group?: string | string[] }) {
  return defineField({
    name: 'slug',
    type: 'slug',
    group,
    description: `The last part of the page's web address. Generate makes it from the ${source}.`,
    options: { source, maxLength: SLUG_MAX_LENGTH, slugify },
    // Not rule.required().error(...): the slug type adds its uniqueness check to this rule, and an
    // .error() message would replace Sanity's "Slug is already in use" too. This custom rule only
    // speaks when there is no slug at all, and blocks publishing as required() did.
    validation: (rule) => rule.custom((value) => (value == null ? missing : true)),
  })
}

/** How many old slugs one document keeps (each is a revalidation tag on every change of it). */
export const PREVIOUS_SLUGS_MAX = 20

/**
 * Web addresses the document had before: the site answers `<path><old slug>` with a permanent
 * redirect (308) to the current address, so links and search results keep working after a rename.
 * Each entry must be a slug as Generate makes it, not the current slug, and listed once.
 */
export function previousSlugsField({ group, path }: { group?: string; path: string }) {
  return defineField({
    name: 'previousSlugs',
    title: 'Old web addresses',
    type: 'array',
    group,
    description: `Slugs this page had before. Readers who open ${path}<old slug> are sent to the current address. Add the old slug here when you change the slug of a published page.`,
    of: [defineArrayMember({ type: 'string' })],
    options: { layout: 'tags' },
    validation: (rule) => [
      rule.unique().error('Each old slug once'),
      rule.max(PREVIOUS_SLUGS_MAX).error(`At most ${PREVIOUS_SLUGS_MAX} old slugs`),
      rule.custom((value, context) => {
        const current = (context.document?.slug as { current?: unknown } | undefined)?.current
        for (const slug of Array.isArray(value) ? value : []) {
          if (typeof slug !== 'string' || slug === '' || slugify(slug) !== slug)
            return `"${String(slug)}" is not a slug: lower-case letters, digits and hyphens, as Generate makes them`
          if (slug === current) return `"${slug}" is the current slug: remove it from the old ones`
        }
        return true
      }),
    ],
  })
}
