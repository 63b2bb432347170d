// The gateway's use case for one AI API request: identify → resolve service → inspect every part →
// decide → record → transform or refuse → forward → inspect and restore the answer.
import { createHmac, createSecretKey, type KeyObject } from 'node:crypto'
import {
  type AiApi,
  collectRequestParts,
  ProtocolError,
  pathKey,
  type RequestParts,
  rewriteRequest,
  setModel,
} from '../../core/ai-protocol/index.ts'
import type { DetectionEngine } from '../../core/detection/create-engine.ts'
import type { Finding } from '../../core/detection/finding.ts'
import type { DecisionEntry } from '../../core/ledger/ledger-record.ts'
import type { CompiledPolicy } from '../../core/policy/compile-policy.ts'
import { evaluatePolicy } from '../../core/policy/evaluate-policy.ts'
import type { Decision, RequestFacts } from '../../core/policy/policy-types.ts'
import { personalCategories } from '../../core/transfers/consent.ts'
import { createPseudonymizer, type Pseudonymizer } from '../../core/transform/pseudonymizer.ts'
import { type RedactionMode, redactText } from '../../core/transform/redact-text.ts'
import { judgeGatewayTransfer } from '../consent/gateway-transfer.ts'
import type { TransferDeps } from '../consent/transfer-deps.ts'
import type { DirectiveCache } from '../directives/directive-cache.ts'
import {
  directiveRefusal,
  directiveRequestOf,
  directiveRule,
  keepSentContent,
} from '../directives/gateway-directives.ts'
import type { DocumentExtractor } from '../ports.ts'
import type { ContentVault } from '../vault/content-vault.ts'
import { extractAttachmentTexts } from './attachment-texts.ts'
import { GatewayError } from './gateway-error.ts'
import {
  type DecisionRecorder,
  type GatewayTelemetry,
  UpstreamError,
  type UpstreamPort,
  type UpstreamReply,
  type UpstreamTarget,
} from './gateway-ports.ts'
import type { GatewaySetup } from './gateway-setup.ts'
import { handleAnswer } from './inspect-answer.ts'
import { type Inspection, inspectTexts } from './inspect-texts.ts'
import { type Destination, destinationOf } from './service-facts.ts'

/** Everything the use case talks to. */
export interface GatewayDeps {
  /** The current configuration snapshot (hot reload swaps it between requests). */
  setup(): GatewaySetup
  readonly engine: DetectionEngine
  /** Directives in force (suspensions, service blocks), checked without I/O. */
  readonly directives?: Pick<DirectiveCache, 'check'>
  /** The encrypted content vault, when the operator turned it on. */
  readonly vault?: ContentVault
  /** Cross-border transfer checks (legal bases, consent); absent = not enforced. */
  readonly transfers?: TransferDeps
  /** Extracts text from documents attached to requests (PDF, Office, HWP…). */
  readonly documents: DocumentExtractor
  readonly upstream: UpstreamPort
  readonly recorder: DecisionRecorder
  readonly telemetry: GatewayTelemetry
  /** Key for the keyed content hash and the pseudonymous subject in ledger records. */
  readonly hashKey: Uint8Array
  readonly clock: { now(): Date; monotonicMs(): number }
}

/** One parsed client request. */
export interface AiRequest {
  readonly api: AiApi
  readonly body: Record<string, unknown>
  /** The body's bytes as received: the ledger's content hash covers exactly what the client sent. */
  readonly rawBody?: Uint8Array
  readonly requestId: string
  readonly remoteAddress: string
  /** `x-sluice-key`: the Sluice virtual key, when the provider-style header carries a provider key. */
  readonly sluiceKey?: string
  /** The key in `Authorization: Bearer` or `x-api-key`. */
  readonly presentedKey?: string
  /** `x-sluice-reason`: the reason a user gives when resending a warned request. */
  readonly warnReason?: string
  /** Provider headers to pass on (anthropic-version, anthropic-beta, openai-organization…). */
  readonly passHeaders: Readonly<Record<string, string>>
  /** `x-sluice-data-origin`: the jurisdiction the personal data comes from (e.g. EU, CN); default KR. */
  readonly dataOrigin?: string
  /** Told the tenant once the caller is identified (for per-tenant request metrics). */
  readonly onSubject?: (tenant: string) => void
  /** Aborted when the client goes away: the upstream call is cancelled with it. */
  readonly signal?: AbortSignal
}

/** What the HTTP adapter sends back: a JSON body, or server-sent events as text. */
export type AiOutcome =
  | { readonly kind: 'json'; readonly status: number; readonly body: unknown }
  | { readonly kind: 'stream'; readonly status: number; readonly chunks: AsyncIterable<string> }

// Per attached document, decoded: larger ones cannot be inspected in time and are refused (fail closed).
const maxAttachmentBytes = 32 * 1024 * 1024

const upstreamPath: Readonly<Record<AiApi, string>> = {
  chat: '/chat/completions',
  responses: '/responses',
  embeddings: '/embeddings',
  messages: '/messages',
}

/** Context of one request, shared by the request and answer halves. */
export interface RequestContext {
  readonly deps: GatewayDeps
  readonly setup: GatewaySetup
  readonly request: AiRequest
  readonly policy: CompiledPolicy
  readonly facts: Omit<RequestFacts, 'detections' | 'direction'>
  readonly ledgerBase: Omit<DecisionEntry, 'direction' | 'categories' | 'typeCounts' | 'action' | 'rule'>
  readonly pseudonymizer: Pseudonymizer | undefined
}

/** Handles one request end to end. Throws GatewayError/SluiceError for every refusal. */
export async function handleAiRequest(deps: GatewayDeps, request: AiRequest): Promise<AiOutcome> {
  const setup = deps.setup()
  const presented = request.sluiceKey ?? request.presentedKey
  const subject = setup.identify({
    ...(presented === undefined ? {} : { apiKey: presented }),
    remoteAddress: request.remoteAddress,
  })
  if (!subject.ok) {
    throw new GatewayError(
      'UNAUTHENTICATED',
      subject.reason === 'missing-key'
        ? 'an API key is required: send your Sluice key as a Bearer token (or x-api-key)'
        : 'unknown API key',
    )
  }
  request.onSubject?.(subject.tenant)
  // The provider key travels on only when it is not the Sluice key that identified the caller.
  const clientKey = request.sluiceKey !== undefined || subject.keyless ? request.presentedKey : undefined
  const policy = setup.policyFor(subject.tenant)
  if (policy === undefined) throw new GatewayError('CONFIG_INVALID', `tenant ${subject.tenant} has no policy`)
  const parts = readParts(request)
  if (setup.inspection.responses && asksForLogprobs(request.body)) {
    throw new GatewayError(
      'INVALID_INPUT',
      'logprobs carry the raw answer tokens past answer inspection; remove logprobs/top_logprobs (answer inspection is on)',
    )
  }
  let upstream = upstreamFor(setup, request.api, parts.model)
  const destination = destinationOf(setup.catalog, upstream)
  const facts: Omit<RequestFacts, 'detections' | 'direction'> = {
    tenant: subject.tenant,
    ...(subject.zone === undefined ? {} : { zone: subject.zone }),
    ...(subject.user === undefined ? {} : { user: subject.user }),
    groups: subject.groups,
    ...(destination.service === undefined ? {} : { service: destination.service }),
    destinationCountries: destination.countries,
    content: parts.content,
    ...(request.warnReason === undefined ? {} : { warnReason: request.warnReason }),
  }
  const started = deps.clock.monotonicMs()
  const ledgerBase = baseRecord(deps, request, subject, upstream, parts.model, destination)
  let inspection: Inspection
  try {
    requireInspectable(parts)
    const attached = await extractAttachmentTexts(deps.documents, parts.attachments, {
      maxBytes: maxAttachmentBytes,
    })
    inspection = inspectTexts(
      deps.engine,
      [...parts.parts.map((p) => p.text), ...attached.flatMap((a) => a.segments.map((s) => s.text))],
      { ...setup.inspection, now: deps.clock.monotonicMs },
    )
  } catch (error) {
    if (!(error instanceof GatewayError) || setup.inspection.failMode === 'closed') {
      await deps.recorder.record({
        ...ledgerBase,
        direction: 'request',
        categories: [],
        typeCounts: {},
        action: 'block',
        rule: 'inspection-failed',
      })
      deps.telemetry.decision('block', 'inspection-failed')
      throw error
    }
    // failMode 'open' was chosen by the operator: the request goes on uninspected, and says so in the ledger.
    inspection = { findings: parts.parts.map(() => []), summary: [], typeCounts: {} }
  }
  deps.telemetry.inspection((deps.clock.monotonicMs() - started) / 1000)
  deps.telemetry.detections(inspection.typeCounts)
  let decision = evaluatePolicy(policy, { ...facts, detections: inspection.summary, direction: 'request' })
  deps.telemetry.decision(decision.action, decision.rule)
  if (decision.action === 'route' && decision.routeTo !== undefined) {
    upstream = routeTarget(setup, request.api, decision.routeTo)
  }
  const documentFindings = inspection.findings.slice(parts.parts.length).flat()
  const decided = unrewritable(decision, documentFindings)
  if (decided !== decision) deps.telemetry.decision(decided.action, decided.rule)
  decision = decided
  const routed = decision.action === 'route' ? destinationOf(setup.catalog, upstream) : destination
  const entryBase =
    decision.action === 'route'
      ? baseRecord(deps, request, subject, upstream, parts.model, routed)
      : ledgerBase
  // A request that would be sent needs the provider key; a refusal does not (the quick start's
  // DeepSeek line is blocked whether or not a DeepSeek key is set).
  if (decision.action !== 'block' && decision.action !== 'warn') requireKey(upstream)
  const categories = [...new Set(inspection.summary.map((s) => s.category))].sort()
  // A regulator's order overrides any basis or consent: checked before transfers.
  const leaves = decision.action !== 'block' && decision.action !== 'warn'
  const directed =
    !leaves || deps.directives === undefined
      ? undefined
      : deps.directives.check(
          directiveRequestOf({
            tenant: subject.tenant,
            ...(routed.service === undefined ? {} : { service: routed.service.id }),
            recipients: routed.recipients,
            time: entryBase.time,
            categories,
          }),
        )
  if (directed?.blocked) {
    const rule = directiveRule(directed.directive.id)
    await deps.recorder.record({
      ...entryBase,
      direction: 'request',
      categories,
      typeCounts: inspection.typeCounts,
      action: 'block',
      rule,
      directive: directed.directive.id,
    })
    deps.telemetry.decision('block', rule)
    throw directiveRefusal(directed)
  }
  let judged =
    deps.transfers === undefined
      ? { transfer: undefined }
      : await judgeGatewayTransfer(deps.transfers, {
          tenant: subject.tenant,
          subject: entryBase.subject,
          service: routed.service?.id,
          recipients: routed.recipients,
          summary: inspection.summary,
          decision,
          ...(request.dataOrigin === undefined ? {} : { dataOrigin: request.dataOrigin }),
        })
  // The operator may prefer sending without the personal data to refusing: tag out every personal type.
  if ('refuse' in judged && deps.transfers?.transfers().settings.onMissingBasis === 'redact') {
    const personal = inspection.summary
      .filter((s) => personalCategories.includes(s.category))
      .map((s) => s.type)
    decision = {
      action: 'redact',
      rule: 'transfer-no-basis-redacted',
      redactMode: 'tag',
      transformTypes: [...new Set([...(decision.transformTypes ?? []), ...personal])],
      notice: {
        ko: '국외 이전 근거가 없어 개인정보를 가리고 보냈습니다.',
        en: 'No legal basis for the transfer abroad: personal data was tagged out before sending.',
      },
    }
    deps.telemetry.decision(decision.action, decision.rule)
    judged = { transfer: undefined }
  }
  if ('refuse' in judged) {
    // 'block' means block: no consent link even where consent could cure the transfer.
    const askConsent =
      judged.refuse.kind === 'consent_required' &&
      deps.transfers?.transfers().settings.onMissingBasis !== 'block'
    const rule = askConsent ? 'transfer-consent-required' : 'transfer-no-basis'
    await deps.recorder.record({
      ...entryBase,
      direction: 'request',
      categories,
      typeCounts: inspection.typeCounts,
      action: 'block',
      rule,
    })
    deps.telemetry.decision('block', rule)
    if (askConsent && judged.refuse.kind === 'consent_required') {
      throw new GatewayError('CONSENT_REQUIRED', judged.refuse.message, {
        rule,
        consentUrl: judged.refuse.consentUrl,
      })
    }
    const reasons = judged.refuse.missing.map((m) => m.reason).join(' | ')
    throw new GatewayError(
      'POLICY_BLOCK',
      `personal data in this request may not be transferred abroad without a legal basis on file (${reasons})`,
      { rule },
    )
  }
  await deps.recorder.record({
    ...entryBase,
    direction: 'request',
    categories,
    typeCounts: inspection.typeCounts,
    action: decision.action,
    rule: decision.rule,
    ...(judged.transfer === undefined ? {} : { transfer: judged.transfer }),
    // The reason is the one free text in a record: personal data typed into it is tagged, not kept.
    ...(request.warnReason === undefined
      ? {}
      : { reason: recordableReason(deps.engine, request.warnReason) }),
  })
  refuseIfDecided(decision)
  const pseudonymizer = decision.action === 'pseudonymise' ? createPseudonymizer() : undefined
  let body: Record<string, unknown> = transformBody(
    deps,
    request.body,
    parts,
    inspection.findings,
    decision,
    pseudonymizer,
  )
  if (decision.action === 'route' && upstream.model !== undefined) body = setModel(body, upstream.model)
  if (deps.vault !== undefined) {
    await keepSentContent(deps.vault, {
      requestId: request.requestId,
      time: entryBase.time,
      recipients: routed.recipients,
      upstream: upstream.id,
      body,
    })
  }
  let reply: UpstreamReply
  try {
    reply = await deps.upstream.call({
      target: upstream,
      method: 'POST',
      path: upstreamPath[request.api],
      body,
      headers: request.passHeaders,
      ...(clientKey === undefined ? {} : { clientKey }),
      ...(request.signal === undefined ? {} : { signal: request.signal }),
    })
  } catch (error) {
    throw upstreamFailure(deps, error)
  }
  const context: RequestContext = {
    deps,
    setup,
    request,
    policy,
    facts,
    ledgerBase: entryBase,
    pseudonymizer,
  }
  return handleAnswer(context, reply)
}

function recordableReason(engine: DetectionEngine, reason: string): string {
  const text = reason.slice(0, 500)
  return redactText(text, engine.scan(text), { kind: 'tag' }).text
}

function asksForLogprobs(body: Record<string, unknown>): boolean {
  const include = body.include
  return (
    body.logprobs === true ||
    (typeof body.logprobs === 'number' && body.logprobs > 0) ||
    (typeof body.top_logprobs === 'number' && body.top_logprobs > 0) ||
    (Array.isArray(include) && include.some((i) => typeof i === 'string' && i.includes('logprobs')))
  )
}

function readParts(request: AiRequest): RequestParts {
  try {
    return collectRequestParts(request.api, request.body)
  } catch (error) {
    if (error instanceof ProtocolError) throw new GatewayError('INVALID_INPUT', error.message)
    throw error
  }
}

const protocolOf = (api: AiApi): 'anthropic' | 'openai' => (api === 'messages' ? 'anthropic' : 'openai')
const speaks = (target: UpstreamTarget, api: AiApi): boolean =>
  protocolOf(api) === (target.kind === 'anthropic' ? 'anthropic' : 'openai')

function upstreamFor(setup: GatewaySetup, api: AiApi, model: string): UpstreamTarget {
  const target = setup.upstreamForModel(model)
  if (target === undefined) {
    throw new GatewayError('INVALID_INPUT', `no upstream is configured for model '${model}'`)
  }
  if (!speaks(target, api)) {
    const endpoint = target.kind === 'anthropic' ? '/v1/messages' : '/v1/chat/completions or /v1/responses'
    throw new GatewayError(
      'INVALID_INPUT',
      `model '${model}' is served by upstream '${target.id}': call ${endpoint}`,
    )
  }
  return target
}

function routeTarget(setup: GatewaySetup, api: AiApi, id: string): UpstreamTarget {
  const target = setup.upstream(id)
  // A route that cannot be followed must not fall back to the original destination: fail closed.
  if (target === undefined || !speaks(target, api)) {
    throw new GatewayError(
      'POLICY_BLOCK',
      `the policy routes this request to upstream '${id}', which cannot serve this API; the request was not sent`,
      { rule: 'route-unavailable' },
    )
  }
  return target
}

// A held key that was never configured is a setup fault: say so before anything is decided or sent.
function requireKey(upstream: UpstreamTarget): void {
  if (upstream.keyMode === 'held' && upstream.missingKeyEnv !== undefined) {
    throw new GatewayError(
      'UPSTREAM_FAILED',
      `upstream '${upstream.id}' has no provider key: set ${upstream.missingKeyEnv} where Sluice runs`,
    )
  }
}

// Content Sluice cannot read (token ids, item types newer than this gateway) is content it cannot
// inspect: that is an inspection failure, closed unless the operator chose otherwise.
function requireInspectable(parts: RequestParts): void {
  const unread = [...parts.content.uninspected, ...(parts.content.tokens ? ['input (token ids)'] : [])]
  if (unread.length > 0) {
    throw new GatewayError(
      'INSPECTION_FAILED',
      `parts of this request cannot be inspected (${unread.slice(0, 5).join(', ')}); the request was not sent`,
      { rule: 'inspection-failed' },
    )
  }
}

// A document cannot be rewritten: a decision to redact or pseudonymise data inside one becomes a block.
function unrewritable(decision: Decision, documentFindings: readonly Finding[]): Decision {
  if (decision.action !== 'redact' && decision.action !== 'pseudonymise') return decision
  const only = decision.transformTypes === undefined ? undefined : new Set(decision.transformTypes)
  if (!documentFindings.some((f) => only === undefined || only.has(f.type))) return decision
  const verb = decision.action === 'redact' ? 'redact' : 'pseudonymise'
  return {
    action: 'block',
    rule: decision.rule,
    notice: {
      ko: `첨부 문서에 ${decision.action === 'redact' ? '가려야' : '가명 처리해야'} 할 정보가 있습니다. 문서는 수정할 수 없어 요청을 보내지 않았습니다.`,
      en: `An attached document holds data the policy would ${verb}; a document cannot be rewritten, so the request was not sent.`,
    },
  }
}

function refuseIfDecided(decision: Decision): void {
  const details = { rule: decision.rule, notice: decision.notice }
  if (decision.action === 'block') {
    throw new GatewayError('POLICY_BLOCK', `${decision.notice.en} (rule ${decision.rule})`, details)
  }
  if (decision.action === 'warn') {
    throw new GatewayError(
      'POLICY_WARN',
      `${decision.notice.en} (rule ${decision.rule}). To send it anyway, resend with the header 'x-sluice-reason: <your reason>'; the reason is recorded.`,
      details,
    )
  }
}

function transformBody(
  deps: GatewayDeps,
  body: Record<string, unknown>,
  parts: RequestParts,
  findings: readonly (readonly Finding[])[],
  decision: Decision,
  pseudonymizer: Pseudonymizer | undefined,
): Record<string, unknown> {
  if (decision.action !== 'redact' && decision.action !== 'pseudonymise') return body
  const mode: RedactionMode =
    pseudonymizer !== undefined
      ? { kind: 'pseudonymise', pseudonymizer }
      : decision.redactMode === 'mask'
        ? { kind: 'mask' }
        : decision.redactMode === 'hash'
          ? { kind: 'hash', key: keyObjectOf(deps.hashKey) }
          : { kind: 'tag' }
  const only = decision.transformTypes === undefined ? undefined : new Set(decision.transformTypes)
  const replacements = new Map<string, string>()
  parts.parts.forEach((part, i) => {
    const own = (findings[i] ?? []).filter((f) => only === undefined || only.has(f.type))
    if (own.length > 0) replacements.set(pathKey(part.path), redactText(part.text, own, mode).text)
  })
  return replacements.size === 0 ? body : rewriteRequest(body, replacements)
}

function baseRecord(
  deps: GatewayDeps,
  request: AiRequest,
  subject: { readonly tenant: string; readonly user?: string; readonly zone?: string },
  upstream: UpstreamTarget,
  model: string,
  destination: Destination,
): RequestContext['ledgerBase'] {
  const who = subject.user ?? (subject.zone === undefined ? 'anonymous' : `zone:${subject.zone}`)
  const key = keyObjectOf(deps.hashKey)
  return {
    kind: 'decision',
    time: deps.clock.now().toISOString(),
    requestId: request.requestId,
    tenant: subject.tenant,
    subject: pseudonymousSubject(key, subject.tenant, who),
    ...(subject.zone === undefined ? {} : { zone: subject.zone }),
    ...(destination.service === undefined ? {} : { service: destination.service.id }),
    upstream: upstream.id,
    model,
    recipients: destination.recipients,
    countries: destination.countries,
    contentHash: createHmac('sha256', key)
      .update(request.rawBody ?? JSON.stringify(request.body))
      .digest('hex'),
  }
}

/** Maps an upstream failure to the client's error (502) and counts it. */
export function upstreamFailure(deps: GatewayDeps, error: unknown): unknown {
  if (!(error instanceof UpstreamError)) return error
  deps.telemetry.upstreamError(error.upstream, error.kind)
  return new GatewayError(error.kind === 'timeout' ? 'UPSTREAM_TIMEOUT' : 'UPSTREAM_FAILED', error.message, {
    cause: error,
  })
}

// Building a key object from raw bytes costs more than the HMAC itself: do it once per key.
const keyObjects = new WeakMap<Uint8Array, KeyObject>()
export function keyObjectOf(raw: Uint8Array): KeyObject {
  let key = keyObjects.get(raw)
  if (key === undefined) {
    key = createSecretKey(raw)
    keyObjects.set(raw, key)
  }
  return key
}

// Subjects repeat request after request; their keyed pseudonyms are remembered (bounded, per key).
const subjectCaches = new WeakMap<KeyObject, Map<string, string>>()
function pseudonymousSubject(key: KeyObject, tenant: string, who: string): string {
  const id = `${tenant}\u0000${who}`
  let subjectCache = subjectCaches.get(key)
  if (subjectCache === undefined) {
    subjectCache = new Map()
    subjectCaches.set(key, subjectCache)
  }
  let pseudonym = subjectCache.get(id)
  if (pseudonym === undefined) {
    // Pseudonymous: linkable within the organisation that holds the key, meaningless outside it.
    pseudonym = `subj_${createHmac('sha256', key).update(id).digest('hex').slice(0, 16)}`
    if (subjectCache.size >= 10_000) subjectCache.clear()
    subjectCache.set(id, pseudonym)
  }
  return pseudonym
}

/**
 * The pseudonymous subject the ledger records for `user` of `tenant` (for access requests: the DPO
 * names the person, the ledger is searched by the pseudonym).
 */
export function subjectOfUser(hashKey: Uint8Array, tenant: string, user: string): string {
  return pseudonymousSubject(keyObjectOf(hashKey), tenant, user)
}
