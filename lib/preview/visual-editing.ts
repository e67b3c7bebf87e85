/**
 * The Presentation tool's side of a previewed page (next-sanity): it keeps the Studio's preview
 * frame and the page in step (navigation, a refresh when a draft changes). Rendered only in draft
 * mode (components/SiteFrame.tsx), so no reader loads it. Without stega encoding there are no
 * click-to-edit overlays: strings stay exactly as readers get them.
 */
export { VisualEditing } from 'next-sanity/visual-editing'
