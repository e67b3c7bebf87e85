/**
 * A write makes the next version of a dataset from the previous one (view.ts): the order every
 * copy agrees on, and the raw id map carried over with the changes, equal to what a fresh build
 * of the same documents gives.
 */
import type { LakeDocument } from '@/lake'
import { DatasetViews, nextDocuments } from '@/lake/view'

const doc = (id: string, title = id): LakeDocument => ({ _id: id, _type: 'article', title })

describe('the next version of a dataset', () => {
  const start = [doc('a'), doc('drafts.a'), doc('b'), doc('c')]

  it('keeps changed documents in place, leaves deleted ones out and adds new ones at the end, in the order written', () => {
    const changed = new Map<string, LakeDocument | null>([
      ['b', doc('b', 'B2')],
      ['new-2', doc('new-2')],
      ['drafts.a', null],
      ['new-1', doc('new-1')],
    ])
    expect(nextDocuments(start, changed).map((d) => `${d._id}:${d.title}`)).toEqual(['a:a', 'b:B2', 'c:c', 'new-2:new-2', 'new-1:new-1'])
  })

  it('carries the raw id map over with the changes, equal to a fresh one, through a chain of writes', () => {
    let views = new DatasetViews(start)
    void views.get('raw').byId
    const writes: Array<Map<string, LakeDocument | null>> = [
      new Map([['c', doc('c', 'C2')]]),
      new Map<string, LakeDocument | null>([
        ['a', null],
        ['d', doc('d')],
      ]),
      new Map([['drafts.a', doc('drafts.a', 'A3')]]),
    ]
    for (const changed of writes) {
      const docs = nextDocuments(views.docs, changed)
      views = new DatasetViews(docs, { after: { previous: views, changed } })
      const fresh = new DatasetViews(docs)
      expect(new Map(views.get('raw').byId)).toEqual(new Map(fresh.get('raw').byId))
      expect(views.get('published').docs).toEqual(fresh.get('published').docs)
    }
    expect(views.docs.map((d) => d._id)).toEqual(['drafts.a', 'b', 'c', 'd'])
  })
})
