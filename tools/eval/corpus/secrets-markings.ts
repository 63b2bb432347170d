// Fake credentials in provider shapes (§2.1 credential infoTypes) and classification markings (§3.13).
import type { Rng } from './prng.ts'

const alnum = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
const upperB32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
const b64url = `${alnum}-_`

const draw = (rng: Rng, set: string, n: number): string =>
  Array.from({ length: n }, () => set[rng.int(0, set.length - 1)]).join('')

const base64url = (s: string): string => Buffer.from(s).toString('base64url')

/** A JWT with a plausible header and claims and a random signature. */
export function jwt(rng: Rng): string {
  const header = base64url(JSON.stringify({ alg: rng.pick(['HS256', 'RS256']), typ: 'JWT' }))
  const claims = { sub: String(rng.int(1000, 99999)), name: 'user', iat: 1700000000 + rng.int(0, 9999999) }
  return `${header}.${base64url(JSON.stringify(claims))}.${draw(rng, b64url, 43)}`
}

/** A provider-shaped API key or token (fake: random body, real prefix and length). */
export function apiKey(rng: Rng): string {
  return rng.pick([
    () => `AKIA${draw(rng, upperB32, 16)}`,
    () => `ghp_${draw(rng, alnum, 36)}`,
    () => `github_pat_${draw(rng, alnum, 22)}_${draw(rng, alnum, 59)}`,
    () => `sk-proj-${draw(rng, `${alnum}_-`, 48)}`,
    () => `sk-ant-api03-${draw(rng, `${alnum}_-`, 93)}AA`,
    () => `xoxb-${rng.digits(11)}-${rng.digits(12)}-${draw(rng, alnum, 24)}`,
    () => `AIza${draw(rng, `${alnum}_-`, 35)}`,
    () => `glpat-${draw(rng, `${alnum}_-`, 20)}`,
  ])()
}

/** An opaque bearer token. */
export const bearerToken = (rng: Rng): string => draw(rng, `${alnum}._-`, rng.int(32, 48))

/** A password someone would put in a config line. */
export function password(rng: Rng): string {
  const words = ['Sluice', 'Spring', 'Hanbit', 'Dragon', 'Winter', 'Admin', 'Seoul']
  return rng.chance(0.5)
    ? `${rng.pick(words)}${rng.int(10, 9999)}${rng.pick(['!', '@', '#', '$', '^'])}`
    : // No '&': in a query string it ends the value, so the gold span would be ambiguous.
      draw(rng, `${alnum}!@#$%^*`, rng.int(10, 16)).replace(/^[!@#$%^*]/, 'k')
}

/** A Korean classification marking in one of its written forms (§3.13). */
export function koreanMarking(rng: Rng): string {
  const grade = rng.pick([
    ['Ⅰ', 'Ⅱ', 'Ⅲ'],
    ['I', 'II', 'III'],
    ['1', '2', '3'],
  ])[rng.int(0, 2)] as string
  return rng.weighted([
    [`${grade}급비밀`, 4],
    [`${grade}급 비밀`, 2],
    [`군사${grade}급비밀`, 2],
    ['대외비', 5],
  ] as const)
}

/** A 예고문 (re-grading notice) line: the whole line is the marking (research §3.13). */
export function regradingNotice(rng: Rng): string {
  const date = `${rng.int(2025, 2030)}. ${rng.int(1, 12)}. ${rng.int(1, 28)}.`
  return `예고문: ${date}까지 ${koreanMarking(rng)}`
}

/** A US portion mark that opens a paragraph: (TS), (S), (C), (U//FOUO). */
export const portionMark = (rng: Rng): string => rng.pick(['(TS)', '(S)', '(C)', '(S//NF)', '(U//FOUO)'])

/** An English banner or control marking (US / UK / NATO / CUI). */
export function englishMarking(rng: Rng): string {
  return rng.pick([
    'TOP SECRET//SI//NOFORN',
    'SECRET//NOFORN',
    'SECRET//REL TO USA, KOR',
    'TOP SECRET',
    'CONFIDENTIAL//NOFORN',
    'UNCLASSIFIED//FOR OFFICIAL USE ONLY',
    'CUI//SP-PRVCY',
    'OFFICIAL-SENSITIVE',
    'NATO SECRET',
    'COSMIC TOP SECRET',
    'NATO RESTRICTED',
  ])
}
