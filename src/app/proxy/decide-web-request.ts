// The forward proxy's use case for one web request (or one CONNECT): identify the client, find out
// whether the host is an AI service, inspect the body texts, decide with the tenant's policy — the same
// rules as the gateway — record the decision, and say what the proxy must do on the web.
import { createHmac } from 'node:crypto'
import { recipientCountries } from '../../core/catalog/catalog.ts'
import type { CatalogEntry } from '../../core/catalog/catalog-schema.ts'
import type { DetectionEngine } from '../../core/detection/create-engine.ts'
import type { Finding } from '../../core/detection/finding.ts'
import type { DecisionEntry } from '../../core/ledger/ledger-record.ts'
import { evaluatePolicy } from '../../core/policy/evaluate-policy.ts'
import type { Decision, RequestFacts, ServiceFacts } from '../../core/policy/policy-types.ts'
import type { NoticeView } from '../../core/proxy/notice-page.ts'
import { matchSuffix, type ProxySettings } from '../../core/proxy/proxy-settings.ts'
import { type RedactionMode, redactText } from '../../core/transform/redact-text.ts'
import { SluiceError } from '../errors.ts'
import { GatewayError } from '../gateway/gateway-error.ts'
import type { DecisionRecorder, GatewayTelemetry } from '../gateway/gateway-ports.ts'
import type { GatewaySetup } from '../gateway/gateway-setup.ts'
import { keyObjectOf } from '../gateway/handle-ai-request.ts'
import { type Inspection, inspectTexts } from '../gateway/inspect-texts.ts'

export type { NoticeView } from '../../core/proxy/notice-page.ts'

/** What the proxy use case talks to: the gateway's snapshot and ports plus the proxy settings. */
export interface WebDeps {
  /** The current gateway snapshot (catalog, policies, subjects, inspection settings). */
  setup(): GatewaySetup
  /** The current proxy settings (swapped with the gateway snapshot on reload). */
  proxy(): ProxySettings
  readonly engine: DetectionEngine
  readonly recorder: DecisionRecorder
  readonly telemetry: GatewayTelemetry
  /** Key for the keyed content hash and the pseudonymous subject in ledger records. */
  readonly hashKey: Uint8Array
  readonly clock: { now(): Date; monotonicMs(): number }
}

/** One web request (or CONNECT) as the proxy saw it. */
export interface WebRequestFacts {
  readonly host: string
  readonly port: number
  readonly method: string
  readonly path: string
  readonly scheme: 'http' | 'https'
  readonly remoteAddress: string
  /** The user name given in Proxy-Authorization (informational: the key identifies the user). */
  readonly proxyUser?: string
  /** The password given in Proxy-Authorization: the user's virtual key. */
  readonly proxyKey?: string
  /** Request body texts to inspect (JSON strings, form values, multipart text parts). */
  readonly bodyTexts?: readonly string[]
  /** Non-text content the body carried (binary uploads). */
  readonly content?: { readonly files: boolean; readonly images: boolean; readonly audio: boolean }
  readonly requestId: string
}

/** What the proxy must do with the request. */
export type WebDecision =
  /** Not an AI service: forward or tunnel untouched; nothing recorded. */
  | { readonly kind: 'pass' }
  /** AI service allowed; `intercept` = decrypt and inspect (config permitting). */
  | { readonly kind: 'allow'; readonly intercept: boolean }
  | { readonly kind: 'block'; readonly notice: NoticeView; readonly status: 403 }
  /** Replace `bodyTexts[index]` by `text` for each entry, then forward. */
  | { readonly kind: 'redact'; readonly replacements: readonly { index: number; text: string }[] }
  /** The client may not use the proxy: not in a proxy zone (403) or not (correctly) signed in (407). */
  | { readonly kind: 'refuse'; readonly status: 407 | 403; readonly reason: string }

type Identified = {
  readonly tenant: string
  readonly user?: string
  readonly groups: readonly string[]
  readonly zone?: string
}

/**
 * Decides one web request. Records every decision other than `pass` and `refuse` in the ledger before
 * returning (a refused client has no tenant to record it under; the adapter logs those).
 */
export async function decideWebRequest(deps: WebDeps, facts: WebRequestFacts): Promise<WebDecision> {
  const settings = deps.proxy()
  const setup = deps.setup()
  const who = identifyClient(setup, settings, facts)
  if ('refuse' in who) return who.refuse
  const match = setup.catalog.matchHost(facts.host)
  const extra = matchSuffix(facts.host, settings.extraHosts)
  const forced = matchSuffix(facts.host, settings.intercept.hosts)
  if (match === undefined && extra === undefined && forced === undefined) return { kind: 'pass' }
  const policy = setup.policyFor(who.tenant)
  if (policy === undefined) throw new SluiceError('CONFIG_INVALID', `tenant ${who.tenant} has no policy`)
  const entry = match?.entry
  const destination = destinationOfEntry(setup, entry)
  const texts = facts.bodyTexts ?? []
  const base = ledgerBase(deps, facts, who, entry, destination)
  let inspection: Inspection
  try {
    inspection = inspectTexts(deps.engine, texts, { ...setup.inspection, now: deps.clock.monotonicMs })
  } catch (error) {
    if (!(error instanceof GatewayError) || setup.inspection.failMode === 'closed') {
      await deps.recorder.record({
        ...base,
        categories: [],
        typeCounts: {},
        action: 'block',
        rule: 'inspection-failed',
      })
      deps.telemetry.decision('block', 'inspection-failed')
      return block(settings, who, entry, facts, base.time, 'inspection-failed', {
        ko: '요청 내용을 검사하지 못해 전송하지 않았습니다.',
        en: 'The request could not be inspected, so it was not sent.',
      })
    }
    inspection = { findings: texts.map(() => []), summary: [], typeCounts: {} }
  }
  deps.telemetry.detections(inspection.typeCounts)
  const requestFacts: RequestFacts = {
    tenant: who.tenant,
    ...(who.zone === undefined ? {} : { zone: who.zone }),
    ...(who.user === undefined ? {} : { user: who.user }),
    groups: who.groups,
    ...(destination.service === undefined ? {} : { service: destination.service }),
    destinationCountries: destination.countries,
    detections: inspection.summary,
    content: {
      files: facts.content?.files ?? false,
      images: facts.content?.images ?? false,
      audio: facts.content?.audio ?? false,
    },
    direction: 'request',
  }
  const decision = evaluatePolicy(policy, requestFacts)
  const web = onTheWeb(decision.action)
  deps.telemetry.decision(web, decision.rule)
  await deps.recorder.record({
    ...base,
    categories: [...new Set(inspection.summary.map((s) => s.category))].sort(),
    typeCounts: inspection.typeCounts,
    // What happened on the web: a warn or route is a block here, a pseudonymisation a redaction.
    action: web,
    rule: decision.rule,
  })
  switch (web) {
    case 'block':
      return block(settings, who, entry, facts, base.time, decision.rule, decision.notice, webNote(decision))
    case 'redact':
      return { kind: 'redact', replacements: replacementsFor(deps, texts, inspection.findings, decision) }
    case 'allow': {
      const ic = settings.intercept
      const wanted = forced !== undefined || (ic.allowedApps && (match !== undefined || extra !== undefined))
      const exempt = matchSuffix(facts.host, ic.doNotIntercept) !== undefined
      return { kind: 'allow', intercept: wanted && !exempt && ic.enabled !== false }
    }
  }
}

type WebAction = 'allow' | 'redact' | 'block'

// A browser cannot resend with a reason header (warn), and a web app cannot be moved to another model
// (route): both stop the request. Pseudonyms could not be restored in a web app's answer: tags instead.
function onTheWeb(action: Decision['action']): WebAction {
  switch (action) {
    case 'allow':
      return 'allow'
    case 'redact':
    case 'pseudonymise':
      return 'redact'
    case 'warn':
    case 'route':
    case 'block':
      return 'block'
  }
}

function webNote(decision: Decision): NoticeView['note'] {
  if (decision.action === 'warn') {
    return {
      ko: '이 규칙은 사유를 적고 계속하도록 허용하지만, 웹 브라우저에서는 사유를 함께 보낼 수 없어 차단되었습니다. 필요하면 문의처에 연락하세요.',
      en: 'This rule lets a request go ahead with a stated reason, but a web browser cannot send one, so the request was blocked. Contact the address below if you need access.',
    }
  }
  if (decision.action === 'route') {
    return {
      ko: '이 규칙은 요청을 기관 내부 모델로 보내도록 정하지만, 웹 서비스의 요청은 다른 곳으로 보낼 수 없어 차단되었습니다.',
      en: "This rule sends such requests to the organisation's own model, but a web app's request cannot be redirected, so it was blocked.",
    }
  }
  return undefined
}

function identifyClient(
  setup: GatewaySetup,
  settings: ProxySettings,
  facts: WebRequestFacts,
): Identified | { readonly refuse: WebDecision & { kind: 'refuse' } } {
  const refuse = (status: 403 | 407, reason: string) => ({
    refuse: { kind: 'refuse' as const, status, reason },
  })
  const key = facts.proxyKey === undefined || facts.proxyKey === '' ? undefined : facts.proxyKey
  if (settings.auth === 'required' && key === undefined) {
    return refuse(407, 'proxy authentication required: sign in with your Sluice key as the password')
  }
  const inZone = settings.inZone(facts.remoteAddress)
  const subject = setup.identify({
    ...(key === undefined ? {} : { apiKey: key }),
    remoteAddress: facts.remoteAddress,
  })
  if (!subject.ok) {
    if (key !== undefined) return refuse(407, 'unknown proxy credentials')
    return inZone
      ? refuse(407, 'this network zone needs proxy sign-in: use your Sluice key as the password')
      : refuse(403, 'this address is not in a network zone allowed to use the proxy')
  }
  // Not an open proxy: even a valid key is only accepted from the organisation's own networks.
  if (!inZone) return refuse(403, 'this address is not in a network zone allowed to use the proxy')
  return {
    tenant: subject.tenant,
    ...(subject.user === undefined ? {} : { user: subject.user }),
    groups: subject.groups,
    ...(subject.zone === undefined ? {} : { zone: subject.zone }),
  }
}

interface WebDestination {
  readonly service: ServiceFacts | undefined
  readonly recipients: readonly { readonly name: string; readonly country: string }[]
  readonly countries: readonly string[]
}

/** The service facts of a catalog entry reached by its web or API domain; nothing known for other hosts. */
export function destinationOfEntry(setup: GatewaySetup, entry: CatalogEntry | undefined): WebDestination {
  if (entry === undefined) return { service: undefined, recipients: [], countries: [] }
  const rating = setup.catalog.rating(entry.id)
  return {
    service: {
      id: entry.id,
      operatorCountry: entry.operatorCountry,
      risk: rating?.level ?? 'critical',
      trainingByDefault: entry.training.promptsByDefault,
      tier: entry.tier,
      kind: entry.tier === 'internal' ? 'internal' : 'web',
    },
    recipients: [
      { name: entry.operator, country: entry.operatorCountry },
      ...entry.recipients.map((r) => ({ name: r.name, country: r.country })),
    ],
    countries: recipientCountries(entry),
  }
}

type Base = Omit<DecisionEntry, 'categories' | 'typeCounts' | 'action' | 'rule'>

function ledgerBase(
  deps: WebDeps,
  facts: WebRequestFacts,
  who: Identified,
  entry: CatalogEntry | undefined,
  destination: WebDestination,
): Base {
  const key = keyObjectOf(deps.hashKey)
  const name = who.user ?? (who.zone === undefined ? 'anonymous' : `zone:${who.zone}`)
  const texts = facts.bodyTexts ?? []
  return {
    kind: 'decision',
    channel: 'proxy',
    time: deps.clock.now().toISOString(),
    requestId: facts.requestId,
    tenant: who.tenant,
    // The same keyed pseudonym the gateway records, so one person's API and web use link up.
    subject: `subj_${createHmac('sha256', key).update(`${who.tenant}\u0000${name}`).digest('hex').slice(0, 16)}`,
    ...(who.zone === undefined ? {} : { zone: who.zone }),
    ...(entry === undefined ? {} : { service: entry.id }),
    host: facts.host.slice(0, 253).toLowerCase(),
    direction: 'request',
    recipients: destination.recipients,
    countries: destination.countries,
    ...(texts.length === 0
      ? {}
      : { contentHash: createHmac('sha256', key).update(JSON.stringify(texts)).digest('hex') }),
  }
}

function block(
  settings: ProxySettings,
  who: Identified,
  entry: CatalogEntry | undefined,
  facts: WebRequestFacts,
  time: string,
  rule: string,
  wording: { readonly ko: string; readonly en: string },
  note?: NoticeView['note'],
): WebDecision {
  const tenant = settings.tenant(who.tenant)
  const notice: NoticeView = {
    tenant: who.tenant,
    tenantName: tenant?.name ?? who.tenant,
    ...(tenant?.contact === undefined ? {} : { contact: tenant.contact }),
    rule,
    ...(entry === undefined ? {} : { service: entry.name }),
    host: facts.host,
    time,
    requestId: facts.requestId,
    ko: wording.ko,
    en: wording.en,
    ...(note === undefined ? {} : { note }),
  }
  return { kind: 'block', notice, status: 403 }
}

function replacementsFor(
  deps: WebDeps,
  texts: readonly string[],
  findings: readonly (readonly Finding[])[],
  decision: Decision,
): { index: number; text: string }[] {
  // Nothing on the web would restore pseudonyms in the answer, so pseudonymise writes tags.
  const mode: RedactionMode =
    decision.action === 'redact' && decision.redactMode === 'mask'
      ? { kind: 'mask' }
      : decision.action === 'redact' && decision.redactMode === 'hash'
        ? { kind: 'hash', key: keyObjectOf(deps.hashKey) }
        : { kind: 'tag' }
  const only = decision.transformTypes === undefined ? undefined : new Set(decision.transformTypes)
  const out: { index: number; text: string }[] = []
  texts.forEach((text, index) => {
    const own = (findings[index] ?? []).filter((f) => only === undefined || only.has(f.type))
    if (own.length > 0) out.push({ index, text: redactText(text, own, mode).text })
  })
  return out
}

/**
 * True when requests to `host` are decided by policy (a catalog AI service, a configured extra host or
 * intercept host): the adapter reads and inspects their bodies; other hosts' bodies stream untouched.
 */
export function isPolicyHost(deps: WebDeps, host: string): boolean {
  const settings = deps.proxy()
  return (
    deps.setup().catalog.matchHost(host) !== undefined ||
    matchSuffix(host, settings.extraHosts) !== undefined ||
    matchSuffix(host, settings.intercept.hosts) !== undefined
  )
}
