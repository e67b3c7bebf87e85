/**
 * The shapes the authoring files fill in. build.ts turns them into export-format documents
 * (adds `_key`s, timestamps, revisions, image and reference objects).
 */
import type { Block, BodyNode } from './portable-text'

export interface ImageSource {
  /** A name from scripts/generate-images.ts (see image-assets.json). */
  image: string
  alt: string
  hotspot?: { x: number; y: number; width: number; height: number }
}

export interface ArticleSource {
  _id: string
  title: string
  slug: string
  standfirst: string
  publishedAt: string
  /** Last edit, when later than publication. */
  updatedAt?: string
  featured?: boolean
  authors: string[]
  topics: string[]
  mainImage?: ImageSource
  body: (BodyNode | BodyNode[])[]
  researchLinks?: string[]
  relatedArticles?: string[]
  seo?: { title?: string; description?: string; noindex?: boolean }
}

export interface AuthorSource {
  _id: string
  name: string
  slug: string
  role: string
  affiliation?: string
  bio: Block[]
  photo?: ImageSource
  links?: { label: string; url: string }[]
  createdAt: string
}
