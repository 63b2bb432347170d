import { createHmac, type KeyObject } from 'node:crypto'
import type { DetectionEngine } from '../detection/create-engine.ts'
import { categoryOfType, type EntityType } from '../detection/entity-type.ts'
import type { Finding } from '../detection/finding.ts'
import type { AuditCategory } from './audit-categories.ts'
import { type DecodedValue, decodePayload, decodeQuery } from './decode-payload.ts'
import { type IndicatorForm, indicatorKinds, matchIndicators } from './indicators.ts'
import { looksLikeFreeText, normaliseKey, structuralCategory } from './structural-fields.ts'

/** How a finding was made. Indicator and structural findings are "confirmed". */
export type FindingMethod = 'indicator' | 'structural' | 'pattern' | 'heuristic' | 'ledger'

/** confirmed (indicator, structural, ledger), else from the detector's score or the heuristic. */
export type Confidence = 'confirmed' | 'high' | 'medium' | 'low'

/** A finding in one flow, before it is numbered and redacted for the report. */
export interface PayloadFinding {
  readonly category: AuditCategory
  /** What was found, in words: 'prompt content', 'possible prompt content', 'IMEI (indicator "test phone")'. */
  readonly label: string
  readonly method: FindingMethod
  readonly confidence: Confidence
  /** 0..1: 1 for confirmed findings, the detector's score for patterns, 0.5 for the heuristic. */
  readonly score: number
  /** Where in the flow, with the decoding path. */
  readonly where: string
  /** For indicators: the form the value was sent in (plain, url, base64, sha256…, with decoding steps). */
  readonly form?: string
  readonly indicator?: string
  readonly entityType?: EntityType
  readonly rule?: string
  /** The matched value; used for the masked excerpt and hash, never written out as is. */
  readonly value: string
}

/** The readable parts of one request, content encoding already undone. */
export interface FlowPayloads {
  readonly url?: string
  readonly headers: readonly (readonly [string, string])[]
  readonly body?: { readonly text: string; readonly contentType?: string; readonly where: string }
}

/** What the analysis needs besides the payload. */
export interface PayloadAnalysis {
  readonly indicatorForms: readonly IndicatorForm[]
  readonly engine?: DetectionEngine
  readonly minScore: number
  /** The destination is a known AI service: chat fields there are prompts. */
  readonly aiDestination: boolean
  /**
   * Engine findings of short values already scanned in this audit (same engine, same score floor).
   * Traffic repeats the same short values in every request (model names, tokens, device ids, flags), so
   * each distinct one is scanned once. Owned by the caller; bounded here.
   */
  readonly engineCache?: Map<string, readonly Finding[]>
}

// Headers every request carries; their values say nothing about the person. Cookies and
// authorization are kept: identifiers and credentials travel there.
const ignoredHeaders = new Set([
  'host',
  'accept',
  'accept-encoding',
  'accept-language',
  'connection',
  'content-length',
  'content-type',
  'content-encoding',
  'transfer-encoding',
  'cache-control',
  'pragma',
  'origin',
  'referer',
  'te',
  'upgrade-insecure-requests',
])

// URL findings are everywhere in traffic (every Referer, every link in a page) and carry no
// personal data by themselves.
const skippedTypes: ReadonlySet<EntityType> = new Set(['URL'])

const maxScanChars = 200_000

// Values up to this length are cached by text; longer ones are rarely repeated and costly to key.
const maxCachedChars = 512
// Bound of the cache: beyond it the cache starts again (memory follows this, not the capture).
const maxCachedValues = 20_000

function scanCached(
  text: string,
  analysis: PayloadAnalysis & { engine: DetectionEngine },
): readonly Finding[] {
  const cache = analysis.engineCache
  if (cache === undefined || text.length > maxCachedChars)
    return analysis.engine.scan(text, { minScore: analysis.minScore })
  let found = cache.get(text)
  if (found === undefined) {
    found = analysis.engine.scan(text, { minScore: analysis.minScore })
    if (cache.size >= maxCachedValues) cache.clear()
    cache.set(text, found)
  }
  return found
}

/** Finds indicators, structural fields, engine patterns and free text in one request's payloads. */
export function analysePayloads(payloads: FlowPayloads, analysis: PayloadAnalysis): PayloadFinding[] {
  const values: DecodedValue[] = []
  if (payloads.url !== undefined) {
    values.push({ where: 'url', steps: [], keys: [], text: payloads.url, container: true })
    values.push(...decodeQuery(payloads.url))
  }
  for (const [name, value] of payloads.headers) {
    const lower = name.toLowerCase()
    if (ignoredHeaders.has(lower)) continue
    values.push(
      ...decodePayload(value, '', `header ${name}`).map((v, i) => (i === 0 ? { ...v, keys: [lower] } : v)),
    )
  }
  if (payloads.body !== undefined)
    values.push(...decodePayload(payloads.body.text, payloads.body.contentType, payloads.body.where))

  const out: PayloadFinding[] = []
  const seenIndicator = new Set<string>()
  const seenPattern = new Set<string>()
  // Indicators: leaves first, so a value is reported at its deepest decoding path; containers (the raw
  // body, a base64 blob) after, for forms only visible there.
  const ordered =
    analysis.indicatorForms.length === 0
      ? []
      : [...values.filter((v) => !v.container), ...values.filter((v) => v.container)]
  for (const v of ordered) {
    for (const hit of matchIndicators(analysis.indicatorForms, v.text)) {
      const { indicator } = hit.form
      const form = [...v.steps.filter((s) => s !== 'json' && s !== 'form'), hit.form.form].join(' → ')
      const key = `${indicator.name}\n${form}`
      if (seenIndicator.has(key)) continue
      seenIndicator.add(key)
      out.push({
        category: indicatorKinds[indicator.kind],
        label: `${indicator.kind.replaceAll('_', ' ')} (indicator "${indicator.name}")`,
        method: 'indicator',
        confidence: 'confirmed',
        score: 1,
        where: v.where,
        form,
        indicator: indicator.name,
        value: v.text.slice(hit.start, hit.end),
      })
    }
  }
  for (const v of values) {
    if (v.container) continue
    const structural = structuralCategory(v.keys, v.text, analysis.aiDestination)
    if (structural !== undefined) {
      out.push({
        category: structural.category,
        label: structural.category === 'prompt_content' ? 'prompt content' : `${structural.rule}`,
        method: 'structural',
        confidence: 'confirmed',
        score: 1,
        where: v.where,
        rule: structural.rule,
        value: v.text,
      })
    }
    if (analysis.engine !== undefined && v.text.length >= 4) {
      const text = v.text.length > maxScanChars ? v.text.slice(0, maxScanChars) : v.text
      for (const f of scanCached(text, analysis as PayloadAnalysis & { engine: DetectionEngine })) {
        if (skippedTypes.has(f.type)) continue
        const value = text.slice(f.start, f.end)
        const key = `${f.type}\n${value}`
        if (seenPattern.has(key)) continue
        seenPattern.add(key)
        out.push({
          category: categoryOfType[f.type],
          label: f.type,
          method: 'pattern',
          confidence: f.score >= 0.85 ? 'high' : f.score >= 0.6 ? 'medium' : 'low',
          score: f.score,
          where: v.where,
          entityType: f.type,
          value,
        })
      }
    }
    if (
      !analysis.aiDestination &&
      structural?.category !== 'prompt_content' &&
      !isTelemetryKey(v.keys) &&
      looksLikeFreeText(v.text)
    ) {
      out.push({
        category: 'prompt_content',
        label: 'possible prompt content',
        method: 'heuristic',
        confidence: 'medium',
        score: 0.5,
        where: v.where,
        rule: 'free text of several words sent to a destination that is not an AI service',
        value: v.text,
      })
    }
  }
  return out
}

// Keys whose free text is the client describing itself (user agents, OS descriptions), not a person typing.
function isTelemetryKey(keys: readonly string[]): boolean {
  const last = keys[keys.length - 1]
  if (last === undefined) return false
  const k = normaliseKey(last)
  return k === 'useragent' || k === 'ua' || k.endsWith('version') || k === 'cookie' || k === 'authorization'
}

/**
 * A value as the report shows it: the first two characters, then one dot per character up to twelve,
 * then the length. Enough to recognise a known value, not enough to learn an unknown one.
 */
export function maskValue(value: string): string {
  const chars = [...value]
  if (chars.length <= 4) return `${'•'.repeat(chars.length)} (${chars.length} chars)`
  return `${chars.slice(0, 2).join('')}${'•'.repeat(Math.min(12, chars.length - 2))} (${chars.length} chars)`
}

/**
 * HMAC-SHA256 of a value under the audit's digest key (hex, first 16 characters). Keyed, because a plain
 * hash of a low-entropy value (an IMEI, an OS version) is reversed by trying every candidate; with the
 * key, an investigator can still tell whether a known value is the one in the report, and equal values
 * have equal digests across findings.
 */
export function valueDigest(value: string, key: Uint8Array | KeyObject): string {
  return createHmac('sha256', key).update(value, 'utf8').digest('hex').slice(0, 16)
}

/** A URL as the report shows it: query values replaced by `•` (identifiers travel there), capped at 300 characters. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?')
  const base = q < 0 ? url : url.slice(0, q)
  const query =
    q < 0
      ? ''
      : `?${url
          .slice(q + 1)
          .split('#')[0]
          ?.split('&')
          .map((pair) => (pair.includes('=') ? `${pair.slice(0, pair.indexOf('='))}=•` : pair))
          .join('&')}`
  const text = `${base}${query}`
  return text.length > 300 ? `${text.slice(0, 300)}…` : text
}
