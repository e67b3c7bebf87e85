/**
 * What a page carries in draft mode only: next-sanity's VisualEditing (lib/preview/visual-editing.ts),
 * loaded when a previewed page renders, so a reader's page never loads its module.
 */
export async function DraftModeTools() {
  const { VisualEditing } = await import('@/lib/preview/visual-editing')
  return <VisualEditing />
}
