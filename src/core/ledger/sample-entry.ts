// A realistic decision entry for tests, the store contract and the ledger benchmark.
import type { DecisionEntry } from './ledger-record.ts'

/**
 * The `n`th of a deterministic series of decision entries (varied tenant, service, action and counts;
 * Korean and English text), with `overrides` applied. Every field is valid for {@link DecisionEntry}.
 */
export function sampleDecisionEntry(n: number, overrides: Partial<DecisionEntry> = {}): DecisionEntry {
  const tenants = ['mofa', 'motie', '외교부-본부'] as const
  const services = [
    {
      service: 'openai-api',
      upstream: 'api.openai.com',
      model: 'gpt-5-mini',
      name: 'OpenAI, L.L.C.',
      country: 'US',
    },
    {
      service: 'deepseek',
      upstream: 'api.deepseek.com',
      model: 'deepseek-chat',
      name: 'Hangzhou DeepSeek',
      country: 'CN',
    },
    {
      service: 'naver-hyperclova-x',
      upstream: 'clovastudio.apigw.ntruss.com',
      model: 'HCX-005',
      name: 'NAVER Cloud',
      country: 'KR',
    },
  ] as const
  const actions = ['allow', 'redact', 'pseudonymise', 'block', 'warn'] as const
  const target = services[n % services.length] ?? services[0]
  const action = actions[n % actions.length] ?? 'allow'
  // 7 ms apart, so times rise with n as a live ledger's do.
  const time = new Date(Date.UTC(2026, 10, 24, 6, 0, 0) + n * 7).toISOString()
  return {
    kind: 'decision',
    time,
    requestId: `req-${n.toString(36).padStart(8, '0')}`,
    tenant: tenants[n % tenants.length] ?? 'mofa',
    subject: `key-${((n * 2654435761) >>> 0).toString(16).padStart(8, '0')}`,
    zone: 'internet-pcs',
    service: target.service,
    upstream: target.upstream,
    model: target.model,
    direction: n % 4 === 3 ? 'response' : 'request',
    recipients: [{ name: target.name, country: target.country }],
    countries: [target.country],
    categories: n % 3 === 0 ? ['prompt-content'] : ['personal-identifiers', 'prompt-content'],
    typeCounts: n % 3 === 0 ? {} : { KR_RRN: (n % 2) + 1, EMAIL_ADDRESS: n % 5, PHONE_NUMBER: 1 },
    action,
    rule: `${tenants[n % tenants.length]}.${action}-default`,
    ...(action === 'warn' ? { reason: '업무상 필요 "확인"함\nconfirmed' } : {}),
    contentHash: ((n * 40503) >>> 0).toString(16).padStart(8, '0').repeat(4),
    ...overrides,
  }
}
