/** Signs one request with the kiosk's key (the RFC 9421 profile of shared/upstream/http-signature.ts). */
import { createHash, randomBytes } from 'node:crypto'
import {
  componentsFor,
  formatContentDigest,
  formatSignature,
  serializeParams,
  signatureBase,
  SIGNATURE_LABEL,
  type SignatureParams,
} from '../../shared/upstream/http-signature'

export interface Signer {
  readonly kioskId: string
  sign(data: Uint8Array): Uint8Array
}

export interface RequestToSign {
  readonly method: string
  readonly url: URL
  readonly body: Uint8Array
  readonly idempotencyKey?: string | undefined
}

/** The headers that authenticate the request; `createdSeconds` is the upstream's time as we believe it. */
export function signRequest(request: RequestToSign, signer: Signer, createdSeconds: number): Record<string, string> {
  const contentDigest = formatContentDigest(createHash('sha256').update(request.body).digest('base64'))
  const params: SignatureParams = {
    components: componentsFor(request.idempotencyKey !== undefined),
    created: createdSeconds,
    keyid: signer.kioskId,
    nonce: randomBytes(16).toString('base64url'),
  }
  const base = signatureBase(
    {
      method: request.method,
      path: request.url.pathname,
      query: request.url.search,
      contentDigest,
      idempotencyKey: request.idempotencyKey,
    },
    params,
  )
  const signature = Buffer.from(signer.sign(Buffer.from(base, 'utf8'))).toString('base64')
  return {
    'Content-Digest': contentDigest,
    'Signature-Input': `${SIGNATURE_LABEL}=${serializeParams(params)}`,
    Signature: formatSignature(signature),
    ...(request.idempotencyKey !== undefined ? { 'Idempotency-Key': request.idempotencyKey } : {}),
  }
}
