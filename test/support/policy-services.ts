// A few catalog facts for policy tests, mirroring catalog/ai-services.json (operator country, tier,
// training by default) without depending on the catalog module.
import type { ServiceFacts } from '../../src/core/policy/policy-types.ts'

const services: readonly ServiceFacts[] = [
  {
    id: 'deepseek',
    operatorCountry: 'CN',
    risk: 'critical',
    trainingByDefault: 'yes',
    tier: 'mixed',
    kind: 'api',
  },
  {
    id: 'openai-api',
    operatorCountry: 'US',
    risk: 'medium',
    trainingByDefault: 'opt-in',
    tier: 'api',
    kind: 'api',
  },
  {
    id: 'openai-chatgpt',
    operatorCountry: 'US',
    risk: 'high',
    trainingByDefault: 'yes',
    tier: 'consumer',
    kind: 'web',
  },
  {
    id: 'anthropic-api',
    operatorCountry: 'US',
    risk: 'low',
    trainingByDefault: 'no',
    tier: 'api',
    kind: 'api',
  },
  {
    id: 'upstage-solar',
    operatorCountry: 'KR',
    risk: 'medium',
    trainingByDefault: 'yes',
    tier: 'api',
    kind: 'api',
  },
  {
    id: 'agency-llm',
    operatorCountry: 'KR',
    risk: 'low',
    trainingByDefault: 'no',
    tier: 'internal',
    kind: 'internal',
  },
]

const byId = new Map(services.map((s) => [s.id, s]))

/** Catalog lookup over the fixture services. */
export function testServiceFacts(id: string): ServiceFacts | undefined {
  return byId.get(id)
}

/** Ids of the fixture services. */
export const testKnownServices: ReadonlySet<string> = new Set(byId.keys())
