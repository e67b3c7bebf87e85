/** Why a webhook call was refused, with the HTTP status that says so. */
export type WebhookErrorStatus = 400 | 401 | 413

export class WebhookError extends Error {
  readonly status: WebhookErrorStatus

  constructor(status: WebhookErrorStatus, message: string) {
    super(message)
    this.name = 'WebhookError'
    this.status = status
  }
}
