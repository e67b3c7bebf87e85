import { CopyIcon, ShareIcon } from '@sanity/icons'
import { Box, Button, Card, Flex, Stack, Text, TextInput } from '@sanity/ui'
import { useCallback, useState } from 'react'
import { type DocumentActionComponent, useClient } from 'sanity'

import { GRANT_ID_PREFIX, GRANT_TYPE, SHARE_LINK_LIFETIMES } from '../../lib/preview/share-links'

/** Where the site signs a grant into a link (app/api/preview-links), on the Studio's own origin. */
const SIGN_ENDPOINT = '/api/preview-links'

type Made = { url: string; expiresAt: string }
type Step = { kind: 'choose' } | { kind: 'working' } | { kind: 'made'; link: Made } | { kind: 'failed'; message: string }

/**
 * "Share preview link" on an article: pick a lifetime, and the Studio writes a `previewGrant`
 * with the editor's own rights, then asks the site to sign the link for it. The link shows the
 * article's draft, read-only, to anyone who has it, until it expires or its grant is deleted
 * (Studio: Preview links).
 */
export const SharePreviewLinkAction: DocumentActionComponent = ({ id, onComplete }) => {
  const client = useClient({ apiVersion: '2025-02-19' })
  const [open, setOpen] = useState(false)
  const [step, setStep] = useState<Step>({ kind: 'choose' })

  const make = useCallback(
    async (seconds: number) => {
      setStep({ kind: 'working' })
      try {
        const now = Date.now()
        const grant = await client.create(
          {
            _id: `${GRANT_ID_PREFIX}${crypto.randomUUID()}`,
            _type: GRANT_TYPE,
            document: { _type: 'reference', _ref: id, _weak: true },
            createdAt: new Date(now).toISOString(),
            expiresAt: new Date(now + seconds * 1000).toISOString(),
            createdBy: 'Studio',
          },
          { visibility: 'sync' },
        )
        const response = await fetch(SIGN_ENDPOINT, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ grant: grant._id }),
        })
        const body = (await response.json().catch(() => ({}))) as Partial<Made> & { error?: string }
        if (!response.ok || !body.url || !body.expiresAt) throw new Error(body.error ?? `The site answered ${response.status}`)
        setStep({ kind: 'made', link: { url: body.url, expiresAt: body.expiresAt } })
      } catch (error) {
        setStep({ kind: 'failed', message: error instanceof Error ? error.message : String(error) })
      }
    },
    [client, id],
  )

  const close = () => {
    setOpen(false)
    setStep({ kind: 'choose' })
    onComplete()
  }

  return {
    label: 'Share preview link',
    icon: ShareIcon,
    onHandle: () => setOpen(true),
    dialog: open && {
      type: 'dialog',
      header: 'Share a preview of this draft',
      onClose: close,
      content: <ShareDialog step={step} onPick={make} />,
    },
  }
}
SharePreviewLinkAction.displayName = 'SharePreviewLinkAction'

function ShareDialog({ step, onPick }: { step: Step; onPick: (seconds: number) => void }) {
  if (step.kind === 'made') {
    return (
      <Stack space={4}>
        <Text size={1}>
          Anyone with this link can read the draft, without an account, until {new Date(step.link.expiresAt).toLocaleString()}. Delete it
          under Preview links to revoke it.
        </Text>
        <Flex gap={2}>
          <Box flex={1}>
            <TextInput readOnly value={step.link.url} aria-label="Preview link" onFocus={(event) => event.currentTarget.select()} />
          </Box>
          <Button icon={CopyIcon} text="Copy" mode="ghost" onClick={() => void navigator.clipboard?.writeText(step.link.url)} />
        </Flex>
      </Stack>
    )
  }
  return (
    <Stack space={4}>
      <Text size={1}>
        A read-only link to this article as it is now, drafts included, for someone without a Studio account. It works for:
      </Text>
      <Flex gap={2} wrap="wrap">
        {SHARE_LINK_LIFETIMES.map(({ title, seconds }) => (
          <Button
            key={seconds}
            text={title}
            tone="primary"
            mode="ghost"
            disabled={step.kind === 'working'}
            onClick={() => onPick(seconds)}
          />
        ))}
      </Flex>
      {step.kind === 'failed' && (
        <Card padding={3} tone="critical" radius={2}>
          <Text size={1}>The link could not be made: {step.message}</Text>
        </Card>
      )}
    </Stack>
  )
}
