import type { DataCategory, EntityType } from '../detection/entity-type.ts'

/** What a policy decides for one request or response. */
export type Action = 'allow' | 'redact' | 'pseudonymise' | 'route' | 'warn' | 'block'

/** The actions, in a stable order (schemas and docs list them from here). */
export const actions = [
  'allow',
  'redact',
  'pseudonymise',
  'route',
  'warn',
  'block',
] as const satisfies readonly Action[]

/** Catalog risk levels, lowest first: `minRisk` compares positions in this list. */
export const riskLevels = ['low', 'medium', 'high', 'critical'] as const

/** One of {@link riskLevels}. */
export type RiskLevel = (typeof riskLevels)[number]

/** Whether a service trains on user content by default, as the catalog records it. */
export const trainingUses = ['yes', 'no', 'opt-in', 'unknown'] as const

/** One of {@link trainingUses}. */
export type TrainingUse = (typeof trainingUses)[number]

/** How a service is reached: a web app, an API, or a model the organisation hosts itself. */
export const serviceKinds = ['web', 'api', 'internal'] as const

/** One of {@link serviceKinds}. */
export type ServiceKind = (typeof serviceKinds)[number]

/** What the policy needs to know about the AI service a request goes to (taken from the catalog). */
export interface ServiceFacts {
  id: string
  operatorCountry: string
  risk: RiskLevel
  trainingByDefault: TrainingUse
  tier: string
  kind: ServiceKind
}

/** One entity type found in the content, rolled up: how sure the best finding was and how many there were. */
export interface DetectionSummary {
  type: EntityType
  category: DataCategory
  maxScore: number
  count: number
}

/** Kinds of non-text content a request can carry. */
export const contentKinds = ['files', 'images', 'audio'] as const

/** One of {@link contentKinds}. */
export type ContentKind = (typeof contentKinds)[number]

/** Everything the policy decides on for one request (or one response). */
export interface RequestFacts {
  tenant: string
  zone?: string
  user?: string
  groups: readonly string[]
  /** undefined = the destination is not in the catalog. */
  service?: ServiceFacts
  /** Countries of every recipient (operator and known processors). */
  destinationCountries: readonly string[]
  detections: readonly DetectionSummary[]
  content: { files: boolean; images: boolean; audio: boolean }
  direction: 'request' | 'response'
  /** The reason the user gave when resending after a `warn` decision. */
  warnReason?: string
}

/** A user-facing message in Korean and English. */
export interface Notice {
  ko: string
  en: string
}

/** Ways a redaction writes the replaced value. */
export const redactModes = ['mask', 'tag', 'hash'] as const

/** One of {@link redactModes}. */
export type RedactMode = (typeof redactModes)[number]

/** The outcome of evaluating a policy. */
export interface Decision {
  action: Action
  /** The id of the rule that decided, or 'default'. */
  rule: string
  notice: Notice
  /** For action `redact`. */
  redactMode?: RedactMode
  /** For action `route`: the upstream id to send the request to instead. */
  routeTo?: string
  /**
   * For `redact` / `pseudonymise`: the detected types to transform — the ones the rule matched on,
   * or every detected type at or above the rule's score floor when the rule matched on no data.
   */
  transformTypes?: readonly EntityType[]
}
