// Chooses the notice page language from the browser's Accept-Language header.
import type { NoticeLanguage } from './notice-page.ts'

/**
 * 'ko' or 'en', whichever the header ranks higher by q-value (ties: the one listed first). Korean when
 * the header is absent, malformed, or names neither: the notice is for staff of Korean organisations.
 */
export function pickLanguage(acceptLanguage: string | undefined): NoticeLanguage {
  if (acceptLanguage === undefined || acceptLanguage.length > 2000) return 'ko'
  let best: NoticeLanguage = 'ko'
  let bestQ = -1
  for (const part of acceptLanguage.split(',')) {
    const [tag = '', ...params] = part.trim().split(';')
    const primary = tag.trim().toLowerCase().split('-', 1)[0]
    const lang: NoticeLanguage | undefined = primary === 'ko' ? 'ko' : primary === 'en' ? 'en' : undefined
    if (lang === undefined) continue
    let q = 1
    for (const param of params) {
      const m = /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(param)
      if (m?.[1] !== undefined) q = Number(m[1])
    }
    if (q > bestQ) {
      best = lang
      bestQ = q
    }
  }
  return bestQ <= 0 ? 'ko' : best
}
