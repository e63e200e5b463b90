/** One handler per operation of api/upstream.openapi.json; the compiler checks none is missing. */
import type { OperationId, RequestOf } from '../../shared/upstream/openapi'
import { iso, type HandlerAnswer, type RequestMeta, type SandboxContext } from '../context'
import { endSession, login, registerAccount, resetPassword } from './accounts'
import { fetchReferencePhoto, lookupPermit, resolveLetterQr } from './permits'
import { fetchLetter, fetchPermitQr, permitInquiry, setServicesPassword, unlockServices } from './services'
import { checkSmsCode, recordFaceAttempt, sendSmsCode, verifyBankCard } from './verification'

export type Handler<Op extends OperationId> = (ctx: SandboxContext, body: RequestOf<Op>, meta: RequestMeta) => HandlerAnswer

export const HANDLERS: { readonly [Op in OperationId]: Handler<Op> } = {
  ping: (ctx, _body, meta) => ({ status: 200, body: { time: iso(ctx.now()), kioskId: meta.kioskId } }),
  resolveLetterQr,
  lookupPermit,
  fetchReferencePhoto,
  recordFaceAttempt,
  sendSmsCode,
  checkSmsCode,
  verifyBankCard,
  registerAccount,
  login,
  endSession,
  resetPassword,
  setServicesPassword,
  unlockServices,
  permitInquiry,
  fetchLetter,
  fetchPermitQr,
}
