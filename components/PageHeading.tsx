/** The h1 (and optional lead) of a listing page. */
export function PageHeading({ title, lead }: { title: string; lead?: string | null }) {
  return (
    <header className="page-heading">
      <h1>{title}</h1>
      {lead && <p className="lead">{lead}</p>}
    </header>
  )
}
