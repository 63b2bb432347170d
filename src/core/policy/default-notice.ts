import type { Action, Notice } from './policy-types.ts'

/**
 * The notice for a rule or default that wrote none (allowed only for actions other than block and
 * warn, whose notices the schema requires because the user must learn what to do).
 */
export function defaultNotice(action: Action, rule: string, routeTo?: string): Notice {
  const ref = rule === 'default' ? '기본 정책' : `규칙 ${rule}`
  const refEn = rule === 'default' ? 'the default policy' : `rule ${rule}`
  switch (action) {
    case 'allow':
      return { ko: `허용되었습니다 (${ref}).`, en: `Allowed by ${refEn}.` }
    case 'redact':
      return {
        ko: `민감한 정보를 가린 뒤 전송했습니다 (${ref}).`,
        en: `Sensitive data was redacted before sending (${refEn}).`,
      }
    case 'pseudonymise':
      return {
        ko: `개인정보를 가명으로 바꿔 전송했고 답변에서 원래대로 되돌렸습니다 (${ref}).`,
        en: `Personal data was replaced with pseudonyms before sending and restored in the answer (${refEn}).`,
      }
    case 'route':
      return {
        ko: `요청을 다른 모델(${routeTo ?? '?'})로 보냈습니다 (${ref}).`,
        en: `The request was sent to another model (${routeTo ?? '?'}) by ${refEn}.`,
      }
    case 'warn':
      return {
        ko: `전송 전에 사유를 적어 다시 보내야 합니다 (${ref}).`,
        en: `Resend with a stated reason to proceed (${refEn}).`,
      }
    case 'block':
      return {
        ko: `차단되었습니다 (${ref}). 보안담당자에게 문의하세요.`,
        en: `Blocked by ${refEn}. Contact your security officer.`,
      }
  }
}
