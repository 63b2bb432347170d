// Phone numbers (libphonenumber KR metadata, §3.8), e-mail addresses and URLs (§3.12).
import type { Rng } from './prng.ts'

const areaCodes = [
  '031',
  '032',
  '033',
  '041',
  '042',
  '043',
  '044',
  '051',
  '052',
  '053',
  '054',
  '055',
  '061',
  '062',
  '063',
  '064',
]
// UAN prefixes valid in libphonenumber's KR metadata (business representative numbers).
const uanPrefixes = [
  '1544',
  '1566',
  '1577',
  '1588',
  '1599',
  '1600',
  '1644',
  '1661',
  '1688',
  '1800',
  '1833',
  '1855',
  '1877',
  '1899',
]

const sub3 = (rng: Rng): string => `${rng.int(2, 9)}${rng.digits(2)}`
const sub4 = (rng: Rng): string => `${rng.int(2, 9)}${rng.digits(3)}`

/** A Korean number as digit groups in national form (leading 0), by type weight. */
export function koreanPhoneGroups(rng: Rng): string[] {
  const kind = rng.weighted([
    ['mobile', 10],
    ['legacyMobile', 1],
    ['seoul', 3],
    ['area', 3],
    ['voip', 1],
    ['safe', 1],
    ['tollfree', 1],
    ['uan', 1],
  ] as const)
  switch (kind) {
    case 'mobile':
      return ['010', sub4(rng), rng.digits(4)]
    case 'legacyMobile':
      // 011/016–019 predate the 2004 move to 010 and still circulate (research §3.8).
      return [
        rng.pick(['011', '016', '017', '018', '019']),
        rng.chance(0.5) ? sub3(rng) : sub4(rng),
        rng.digits(4),
      ]
    case 'seoul':
      return ['02', rng.chance(0.5) ? sub3(rng) : sub4(rng), rng.digits(4)]
    case 'area':
      return [rng.pick(areaCodes), rng.chance(0.5) ? sub3(rng) : sub4(rng), rng.digits(4)]
    case 'voip':
      return ['070', sub4(rng), rng.digits(4)]
    case 'safe':
      return [rng.pick(['0504', '0505', '0507']), sub4(rng), rng.digits(4)]
    case 'tollfree':
      return ['080', sub3(rng), rng.digits(4)]
    case 'uan':
      return [rng.pick(uanPrefixes), rng.digits(4)]
  }
}

/** A Korean phone number in one of the written forms users type. */
export function koreanPhone(rng: Rng): string {
  const g = koreanPhoneGroups(rng)
  const first = g[0] as string
  if (first.startsWith('1')) return g.join(rng.chance(0.8) ? '-' : ' ')
  const form = rng.weighted([
    ['dash', 10],
    ['space', 2],
    ['dot', 1],
    ['none', 2],
    ['paren', 1],
    ['intl', 2],
    ['intl00', 1],
  ] as const)
  const rest = g.slice(1)
  switch (form) {
    case 'dash':
      return g.join('-')
    case 'space':
      return g.join(' ')
    case 'dot':
      return g.join('.')
    case 'none':
      return g.join('')
    case 'paren':
      return `(${first}) ${rest.join('-')}`
    case 'intl':
      return `+82 ${first.slice(1)}-${rest.join('-')}`
    case 'intl00':
      return `0082-${first.slice(1)}-${rest.join('-')}`
  }
}

/** A foreign number in international form (fictional or documentation ranges). */
export function foreignPhone(rng: Rng): string {
  return rng.pick([
    () => `+1 415 555 01${rng.digits(2)}`,
    () => `+1 (212) 555-01${rng.digits(2)}`,
    () => `+44 20 7946 0${rng.digits(3)}`,
    () => `+81 90-${rng.digits(4)}-${rng.digits(4)}`,
    () => `+49 30 ${rng.int(2, 9)}${rng.digits(6)}`,
    () => `+33 1 42 ${rng.digits(2)} ${rng.digits(2)} ${rng.digits(2)}`,
    () => `+86 138 ${rng.digits(4)} ${rng.digits(4)}`,
  ])()
}

const locals = [
  'minsu.kim',
  'jhlee82',
  'hong_gd',
  'yuna.park',
  'sjchoi',
  'dev.jung',
  'hr-team',
  'ks.yoon',
  'emily.clark',
  'j.smith',
  'mlee',
  'admin.ops',
]
const domains = [
  'naver.com',
  'gmail.com',
  'daum.net',
  'kakao.com',
  'hanmail.net',
  'korea.kr',
  'mois.go.kr',
  'snu.ac.kr',
  'example.co.kr',
  'acme-corp.com',
  'outlook.com',
  'company.kr',
]
// IDN domains: Hangul labels under .한국 or .com, and their punycode form (§3.12).
const idnDomains = [
  '사랑.한국',
  '회사.한국',
  '도메인.com',
  'xn--3e0b707e',
  'xn--9n2bp8q.xn--3e0b707e',
  'bücher.de',
]

/** An e-mail address; `idn` picks an internationalised domain (caller keeps a boundary after it). */
export function email(rng: Rng, idn = false): string {
  const local = rng.chance(0.7) ? rng.pick(locals) : `${rng.pick(locals).split(/[._-]/)[0]}${rng.int(1, 99)}`
  if (idn) {
    const d = rng.pick(idnDomains)
    return `${local}@${d.includes('.') ? d : `mail.${d}`}`
  }
  return `${local}@${rng.pick(domains)}`
}

const hosts = [
  'portal.example.co.kr',
  'www.hanbit-soft.com',
  'docs.acme-cloud.io',
  'intranet.mois.go.kr',
  'shop.example.com',
  'api.data-lab.kr',
  'blog.naver.com',
  'github.com',
]
const paths = [
  '/api/v1/users/1042',
  '/docs/guide',
  '/board/view?id=8812',
  '/reports/2024/q3.pdf',
  '/login',
  '/search?q=budget',
  '/p/abc123',
  '',
]

/** A URL with a scheme, or a www. host without one. */
export function url(rng: Rng): string {
  const host = rng.pick(hosts)
  const path = rng.pick(paths)
  if (host.startsWith('www.') && rng.chance(0.4)) return `${host}${path}`
  return `${rng.chance(0.85) ? 'https' : 'http'}://${host}${path}`
}
