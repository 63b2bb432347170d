// Applies the directives in force to one request. Pure: the gateway passes the request's facts and
// the directives it holds, and maps a block to a refusal that names the order.
import { type Directive, inForce, sameRecipient } from './directive.ts'

/** The facts of one request a directive can bind on. */
export interface DirectiveRequest {
  readonly tenant: string
  /** Catalog service id, when the destination is a known service. */
  readonly service?: string
  /** Every recipient the content reaches (operator and known sub-processors), with its country. */
  readonly recipients: readonly { readonly name: string; readonly country: string }[]
  /** When the request is made (ISO 8601 with a zone). */
  readonly time: string
  /** Whether the content that would leave holds personal data (after any redaction). */
  readonly personalData: boolean
}

/** A user-facing notice in Korean and English. */
export interface DirectiveNotice {
  readonly ko: string
  readonly en: string
}

/** The verdict of {@link applyDirectives}. */
export type DirectiveVerdict =
  | { readonly blocked: false }
  | { readonly blocked: true; readonly directive: Directive; readonly notice: DirectiveNotice }

// When several directives bind, a service block is reported before a suspension (it is the wider
// order), then the earliest in force, then by id, so the answer never depends on list order.
const precedence: Readonly<Record<Directive['kind'], number>> = {
  'block-service': 0,
  'suspend-transfers': 1,
  'delete-data': 2,
}

/**
 * Whether any directive in force blocks `request`: a `block-service` directive blocks every request
 * to its service; a `suspend-transfers` directive blocks requests carrying personal data to a
 * matching recipient (every target field given must match: recipient name, its country, the
 * service). `delete-data` directives never block: they act on data already sent.
 */
export function applyDirectives(
  directives: readonly Directive[],
  request: DirectiveRequest,
): DirectiveVerdict {
  let found: Directive | undefined
  for (const directive of directives) {
    if (!binds(directive, request)) continue
    if (found === undefined || ranksBefore(directive, found)) found = directive
  }
  return found === undefined
    ? { blocked: false }
    : { blocked: true, directive: found, notice: noticeOf(found) }
}

function binds(d: Directive, request: DirectiveRequest): boolean {
  if (d.kind === 'delete-data') return false
  if (d.tenant !== undefined && d.tenant !== request.tenant) return false
  if (!inForce(d, request.time)) return false
  const { recipient, country, service } = d.target
  if (service !== undefined && service !== request.service) return false
  if (d.kind === 'block-service') return true
  if (!request.personalData) return false
  if (recipient === undefined && country === undefined) return true
  return request.recipients.some(
    (r) =>
      (recipient === undefined || sameRecipient(r.name, recipient)) &&
      (country === undefined || r.country === country),
  )
}

function ranksBefore(a: Directive, b: Directive): boolean {
  const byKind = precedence[a.kind] - precedence[b.kind]
  if (byKind !== 0) return byKind < 0
  const byFrom = Date.parse(a.from) - Date.parse(b.from)
  if (byFrom !== 0) return byFrom < 0
  return a.id < b.id
}

/** The notice shown to a user whose request `directive` refused. */
export function noticeOf(directive: Directive): DirectiveNotice {
  const day = directive.from.slice(0, 10)
  const order =
    directive.basis === undefined ? directive.orderRef : `${directive.orderRef}, ${directive.basis}`
  if (directive.kind === 'block-service') {
    const service = directive.target.service ?? ''
    return {
      en: `The service ${service} is blocked from ${day} by order ${order}; the request was not sent.`,
      ko: `${order} 명령에 따라 ${day}부터 ${service} 서비스 이용이 차단되었습니다. 요청은 전송되지 않았습니다.`,
    }
  }
  const { recipient, country, service } = directive.target
  const whom = [
    recipient,
    country === undefined ? undefined : `(${country})`,
    service === undefined ? undefined : `via ${service}`,
  ]
    .filter((s) => s !== undefined)
    .join(' ')
  const whomKo = [
    recipient,
    country === undefined ? undefined : `(${country})`,
    service === undefined ? undefined : `${service} 경유`,
  ]
    .filter((s) => s !== undefined)
    .join(' ')
  return {
    en: `Transfers of personal data to ${whom} are suspended from ${day} by order ${order}; the request was not sent. Remove the personal data or use another service.`,
    ko: `${order} 명령에 따라 ${day}부터 ${whomKo}(으)로의 개인정보 이전이 중지되었습니다. 요청은 전송되지 않았습니다. 개인정보를 지우거나 다른 서비스를 이용하십시오.`,
  }
}
