import type { CatalogEntry } from './catalog-schema.ts'

/** One reason a rating is what it is, in English and Korean, with the points it added. */
export interface RiskReason {
  readonly code: string
  readonly en: string
  readonly ko: string
  readonly points: number
}

/** A service's risk: a level, the score it comes from, and every reason that added to the score. */
export interface RiskRating {
  readonly level: 'low' | 'medium' | 'high' | 'critical'
  readonly score: number
  readonly reasons: readonly RiskReason[]
}

/** Whose point of view a rating takes. */
export interface RatingOptions {
  /** The organisation's country: anything elsewhere is "abroad". Default 'KR'. */
  readonly homeCountry?: string
  /**
   * Countries whose operators and recipients weigh more. Default ['CN']: the PIPC's DeepSeek findings
   * (research/regulation.md §1.10) and the default policies' china-operator rules (§6, M03/C03).
   */
  readonly countriesOfConcern?: readonly string[]
}

/**
 * Points per attribute. Additive, so a reader can check any rating by hand. What weighs most is what a
 * regulator acted on: a country of concern, recipients a regulator had to uncover, training on prompts.
 */
export const riskWeights = {
  operatorAbroad: 2,
  operatorCountryOfConcern: 3,
  recipientAbroad: 1,
  recipientCountryOfConcern: 3,
  recipientFoundByRegulator: 3,
  trainsOnPromptsByDefault: 3,
  noTrainingOptOut: 1,
  trainingUnknown: 1,
  storageAbroad: 2,
  storageCountryOfConcern: 2,
  storageUnknown: 2,
  statusRetired: 2,
  statusUnknown: 1,
  consumerTier: 2,
  includesConsumerTier: 1,
} as const

/** Lowest score of each level: 0–3 low, 4–7 medium, 8–13 high, 14 and more critical. */
export const riskThresholds = { medium: 4, high: 8, critical: 14 } as const

/** Rates a catalog entry from its attributes. Deterministic: the same entry and options give the same rating. */
export function rateService(entry: CatalogEntry, options: RatingOptions = {}): RiskRating {
  const home = options.homeCountry ?? 'KR'
  const concern = new Set(options.countriesOfConcern ?? ['CN'])
  const isConcern = (country: string) => country !== home && concern.has(country)
  const reasons: RiskReason[] = []
  const add = (code: string, points: number, en: string, ko: string) => reasons.push({ code, en, ko, points })

  const operator = entry.operatorCountry
  if (operator !== home)
    add(
      'operator-abroad',
      riskWeights.operatorAbroad,
      `Operator is outside ${home} (${operator}).`,
      `운영사가 국외(${operator})에 있습니다.`,
    )
  if (isConcern(operator))
    add(
      'operator-country-of-concern',
      riskWeights.operatorCountryOfConcern,
      `Operator is in ${operator}, a country of concern.`,
      `운영사가 우려 국가(${operator})에 있습니다.`,
    )

  const abroad = entry.recipients.filter((r) => r.country !== home)
  if (abroad.length > 0) {
    const countries = listCountries(abroad.map((r) => r.country))
    add(
      'recipient-abroad',
      riskWeights.recipientAbroad,
      `${abroad.length} known recipient(s) outside ${home} (${countries}).`,
      `국외 수령자 ${abroad.length}곳이 확인되었습니다(${countries}).`,
    )
  }
  const ofConcern = entry.recipients.filter((r) => isConcern(r.country))
  if (ofConcern.length > 0) {
    const countries = listCountries(ofConcern.map((r) => r.country))
    add(
      'recipient-country-of-concern',
      riskWeights.recipientCountryOfConcern,
      `${ofConcern.length} known recipient(s) in a country of concern (${countries}).`,
      `우려 국가(${countries})의 수령자 ${ofConcern.length}곳이 확인되었습니다.`,
    )
  }
  const byRegulator = entry.recipients.filter((r) => r.foundBy === 'regulator')
  if (byRegulator.length > 0) {
    const names = byRegulator.map((r) => shortName(r.name)).join(', ')
    add(
      'recipient-found-by-regulator',
      riskWeights.recipientFoundByRegulator,
      `A regulator found recipients behind this service: ${names}.`,
      `감독기관이 이 서비스 뒤의 수령자를 확인했습니다: ${names}.`,
    )
  }

  const training = entry.training
  if (training.promptsByDefault === 'yes') {
    add(
      'trains-on-prompts-by-default',
      riskWeights.trainsOnPromptsByDefault,
      'Prompts are used for training by default.',
      '기본 설정에서 프롬프트를 모델 학습에 사용합니다.',
    )
    if (training.optOut === false)
      add(
        'no-training-opt-out',
        riskWeights.noTrainingOptOut,
        'Individual users cannot opt out of training.',
        '개인 사용자는 학습 이용을 거부할 수 없습니다.',
      )
  } else if (training.promptsByDefault === 'unknown') {
    add(
      'training-unknown',
      riskWeights.trainingUnknown,
      'Whether prompts are used for training is not confirmed.',
      '프롬프트의 학습 이용 여부가 확인되지 않았습니다.',
    )
  }

  const stored = entry.storage.countries
  if (stored.length === 0) {
    add(
      'storage-unknown',
      riskWeights.storageUnknown,
      'Storage location is not confirmed.',
      '저장 위치가 확인되지 않았습니다.',
    )
  } else {
    const storedAbroad = stored.filter((c) => c !== home)
    if (storedAbroad.length > 0) {
      const countries = listCountries(storedAbroad)
      add(
        'storage-abroad',
        riskWeights.storageAbroad,
        `Data is stored outside ${home} (${countries}).`,
        `데이터가 국외(${countries})에 저장됩니다.`,
      )
    }
    const storedInConcern = stored.filter(isConcern)
    if (storedInConcern.length > 0) {
      const countries = listCountries(storedInConcern)
      add(
        'storage-country-of-concern',
        riskWeights.storageCountryOfConcern,
        `Data is stored in a country of concern (${countries}).`,
        `데이터가 우려 국가(${countries})에 저장됩니다.`,
      )
    }
  }

  if (entry.status === 'retired')
    add(
      'status-retired',
      riskWeights.statusRetired,
      'The service is reported retired: traffic to it is unexpected and its domains may change hands.',
      '서비스가 종료된 것으로 보고되었습니다. 이 서비스로 가는 트래픽은 예상 밖이며 도메인 소유자가 바뀔 수 있습니다.',
    )
  else if (entry.status === 'unknown')
    add(
      'status-unknown',
      riskWeights.statusUnknown,
      'Whether the service is still running is not confirmed.',
      '서비스 운영 여부가 확인되지 않았습니다.',
    )

  if (entry.tier === 'consumer')
    add(
      'consumer-tier',
      riskWeights.consumerTier,
      "Consumer service: used under an individual's terms, not an organisation's contract.",
      '소비자용 서비스입니다. 기관 계약이 아닌 개인 이용약관으로 이용됩니다.',
    )
  else if (entry.tier === 'mixed')
    add(
      'includes-consumer-tier',
      riskWeights.includesConsumerTier,
      "The service includes a consumer tier used under an individual's terms.",
      '개인 이용약관으로 이용되는 소비자용 서비스가 포함되어 있습니다.',
    )

  const score = reasons.reduce((sum, r) => sum + r.points, 0)
  return { level: levelOf(score), score, reasons }
}

/** The level a score falls in, see {@link riskThresholds}. */
export function levelOf(score: number): RiskRating['level'] {
  if (score >= riskThresholds.critical) return 'critical'
  if (score >= riskThresholds.high) return 'high'
  if (score >= riskThresholds.medium) return 'medium'
  return 'low'
}

function listCountries(countries: readonly string[]): string {
  return [...new Set(countries)].sort().join(', ')
}

// Research names carry explanations in parentheses ("Intercom (인터컴)"); a reason needs the name only.
function shortName(name: string): string {
  const cut = name.indexOf(' (')
  return cut > 0 ? name.slice(0, cut) : name
}
