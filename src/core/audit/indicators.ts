import { createHash } from 'node:crypto'
import { z } from 'zod'
import type { AuditCategory } from './audit-categories.ts'

/** Kinds of indicator an investigator supplies, and the category a match proves. */
export const indicatorKinds = {
  imei: 'device_information',
  advertising_id: 'device_information',
  device_id: 'device_information',
  device_ip: 'network_details',
  email: 'personal_identifier',
  phone: 'personal_identifier',
  account_id: 'personal_identifier',
  canary: 'prompt_content',
  location: 'location',
  other: 'personal_identifier',
} as const satisfies Record<string, AuditCategory>

/** One of the keys of {@link indicatorKinds}. */
export type IndicatorKind = keyof typeof indicatorKinds

const indicatorSchema = z.strictObject({
  name: z.string().trim().min(1),
  kind: z.enum(Object.keys(indicatorKinds) as [IndicatorKind, ...IndicatorKind[]]),
  value: z.string().min(4, { error: 'must be at least 4 characters: shorter values match by chance' }),
})

/** The indicators file: `{ indicators: [{ name, kind, value }] }` (YAML or JSON). */
export const indicatorsFileSchema = z.strictObject({ indicators: z.array(indicatorSchema).min(1) })

/** One indicator: a value known to belong to the test device, account or typed prompts. */
export type Indicator = z.output<typeof indicatorSchema>

/** One searchable form of an indicator. */
export interface IndicatorForm {
  readonly indicator: Indicator
  /** plain, url, base64, base64url, hex, hex-upper, md5, md5-upper, sha1, sha1-upper, sha256, sha256-upper */
  readonly form: string
  readonly needle: string
  /** Compare case-insensitively (plain values such as e-mail addresses). */
  readonly foldCase: boolean
}

/** Parses an indicators document; throws a readable error listing every problem. */
export function parseIndicators(json: unknown): Indicator[] {
  const parsed = indicatorsFileSchema.safeParse(json)
  if (!parsed.success)
    throw new Error(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '),
    )
  return parsed.data.indicators
}

const hash = (algorithm: string, value: string): string =>
  createHash(algorithm).update(value, 'utf8').digest('hex')

/**
 * Every form an indicator is searched in: as typed, URL-encoded (both space conventions), base64 and
 * base64url (with and without padding), hex (lower/upper), and MD5/SHA-1/SHA-256 digests (lower/upper),
 * the ways SDKs commonly send identifiers. Hashes are also taken of the lowercased value for e-mail
 * addresses, which trackers normalise before hashing.
 */
export function indicatorForms(indicators: readonly Indicator[]): IndicatorForm[] {
  const out: IndicatorForm[] = []
  for (const indicator of indicators) {
    const v = indicator.value
    const seen = new Set<string>()
    const add = (form: string, needle: string, foldCase = false): void => {
      const key = foldCase ? needle.toLowerCase() : needle
      if (needle.length < 4 || seen.has(key)) return
      seen.add(key)
      out.push({ indicator, form, needle, foldCase })
    }
    add('plain', v, true)
    add('url', encodeURIComponent(v), true)
    add('url', encodeURIComponent(v).replaceAll('%20', '+'), true)
    const b64 = Buffer.from(v, 'utf8').toString('base64')
    add('base64', b64)
    add('base64', b64.replace(/=+$/, ''))
    add('base64url', Buffer.from(v, 'utf8').toString('base64url'))
    const hex = Buffer.from(v, 'utf8').toString('hex')
    add('hex', hex)
    add('hex-upper', hex.toUpperCase())
    const bases = indicator.kind === 'email' ? [v, v.trim().toLowerCase()] : [v]
    for (const base of bases)
      for (const algorithm of ['md5', 'sha1', 'sha256']) {
        const digest = hash(algorithm, base)
        add(algorithm, digest)
        add(`${algorithm}-upper`, digest.toUpperCase())
      }
  }
  return out
}

/** A hit of one indicator form in a text. */
export interface IndicatorHit {
  readonly form: IndicatorForm
  readonly start: number
  readonly end: number
}

// The lowercase needle of each case-folded form, computed once per form rather than once per text.
const loweredNeedles = new WeakMap<IndicatorForm, string>()

function loweredNeedle(form: IndicatorForm): string {
  let needle = loweredNeedles.get(form)
  if (needle === undefined) {
    needle = form.needle.toLowerCase()
    loweredNeedles.set(form, needle)
  }
  return needle
}

// A text without ASCII capitals or non-ASCII characters is its own lowercase: most payloads (JSON keys,
// identifiers, lowercase prose) skip the copy.
const needsFolding = /[A-Z\u0080-\uffff]/

/** Finds the first occurrence of each indicator form in `text` (and `lowered`, its lowercase copy). */
export function matchIndicators(
  forms: readonly IndicatorForm[],
  text: string,
  lowered?: string,
): IndicatorHit[] {
  const hits: IndicatorHit[] = []
  // The lowercase copy is made only when a case-folded form needs it, and once per text.
  let folded = lowered
  for (const form of forms) {
    let at: number
    if (form.foldCase) {
      folded ??= needsFolding.test(text) ? text.toLowerCase() : text
      at = folded.indexOf(loweredNeedle(form))
    } else at = text.indexOf(form.needle)
    if (at >= 0) hits.push({ form, start: at, end: at + form.needle.length })
  }
  return hits
}
