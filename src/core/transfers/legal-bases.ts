// The legal bases a cross-border transfer can rest on, as data: a stable code, the regime and article it
// comes from, and the conditions code checks before the basis may be used. Sources: research/regulation.md
// §1.1 (PIPA 28-8(1)), §3.1 (GDPR Chapter V), §3.2 (PIPL 38–39).

/** The transfer regimes Sluice encodes. */
export type Regime = 'KR_PIPA' | 'EU_GDPR' | 'CN_PIPL'

/**
 * A condition a basis needs, checked by `basisProblems` (evaluate-transfer.ts):
 * - `reference-on-file`: the tenant recorded the basis for this recipient with a reference (contract,
 *   statute citation, decision number);
 * - `separate-consent`: a valid consent record of the data subject for this recipient chain;
 * - `own-purposes-excluded`: the recipient is established NOT to use the data for its own purposes;
 * - `privacy-policy-disclosure`: the five notice items are disclosed in the privacy policy (version recorded);
 * - `recipient-certified`: the register records a certification, still valid;
 * - `country-recognised-pipc`: the PIPC has recognised the recipient's country (Art. 28-8(1)5);
 * - `country-adequate-eu`: the Commission has an adequacy decision for the country (GDPR 45);
 * - `not-public-authority`: the tenant is not a public authority exercising public powers (GDPR 49(3));
 * - `pipl-38-basis`: a PIPL Art. 38 basis is also on file (39's consent is cumulative, not alternative).
 */
export type BasisCondition =
  | 'reference-on-file'
  | 'separate-consent'
  | 'own-purposes-excluded'
  | 'privacy-policy-disclosure'
  | 'recipient-certified'
  | 'country-recognised-pipc'
  | 'country-adequate-eu'
  | 'not-public-authority'
  | 'pipl-38-basis'

/** One legal basis for a transfer. */
export interface LegalBasis {
  readonly code: string
  readonly regime: Regime
  /** The article, as cited: `PIPA Art. 28-8(1)3`. */
  readonly article: string
  readonly title: string
  /** All must hold for the basis to be usable. */
  readonly conditions: readonly BasisCondition[]
  /** True when the basis is the data subject's consent (the consent page can obtain it). */
  readonly consent: boolean
  /** Lower is preferred when several bases hold: structural safeguards before derogations and consent. */
  readonly rank: number
}

const pipa = (
  item: number,
  title: string,
  conditions: readonly BasisCondition[],
  rank: number,
): LegalBasis => ({
  code: `KR_PIPA_28_8_1_${item}`,
  regime: 'KR_PIPA',
  article: `PIPA Art. 28-8(1)${item}`,
  title,
  conditions,
  consent: item === 1,
  rank,
})

/** Every basis Sluice knows, in no particular order (see `rank`). */
export const legalBases: readonly LegalBasis[] = Object.freeze([
  pipa(1, 'separate consent after the five Art. 28-8(2) notice items', ['separate-consent'], 50),
  pipa(2, 'special provision in a statute, treaty or international agreement', ['reference-on-file'], 10),
  pipa(
    3,
    'entrusted processing or storage needed for a contract with the data subject, disclosed in the privacy policy',
    ['reference-on-file', 'own-purposes-excluded', 'privacy-policy-disclosure'],
    30,
  ),
  pipa(4, 'recipient holds a certification publicly notified by the PIPC', ['recipient-certified'], 20),
  pipa(5, 'PIPC recognition of the destination country as equivalent', ['country-recognised-pipc'], 20),
  {
    code: 'KR_PIPA_28_15',
    regime: 'KR_PIPA',
    article: 'PIPA Art. 28-15 (2026 amd.)',
    title: 'overseas entrustment for AI development under a PIPC Art. 28-12 resolution',
    conditions: ['reference-on-file', 'own-purposes-excluded'],
    consent: false,
    rank: 40,
  },
  {
    code: 'GDPR_45',
    regime: 'EU_GDPR',
    article: 'GDPR Art. 45',
    title: 'Commission adequacy decision for the destination country',
    conditions: ['country-adequate-eu'],
    consent: false,
    rank: 10,
  },
  gdpr46('GDPR_46_2_A', 'GDPR Art. 46(2)(a)', 'legally binding instrument between public authorities', 20),
  gdpr46('GDPR_46_2_B', 'GDPR Art. 46(2)(b), 47', 'binding corporate rules', 20),
  gdpr46('GDPR_46_2_C', 'GDPR Art. 46(2)(c)', 'standard contractual clauses adopted by the Commission', 20),
  gdpr46(
    'GDPR_46_2_D',
    'GDPR Art. 46(2)(d)',
    'standard data protection clauses of a supervisory authority',
    20,
  ),
  gdpr46('GDPR_46_2_E', 'GDPR Art. 46(2)(e), 40', 'approved code of conduct with binding commitments', 20),
  gdpr46(
    'GDPR_46_2_F',
    'GDPR Art. 46(2)(f), 42',
    'approved certification mechanism with binding commitments',
    20,
  ),
  gdpr46(
    'GDPR_46_3_A',
    'GDPR Art. 46(3)(a)',
    'contractual clauses authorised by the supervisory authority',
    25,
  ),
  gdpr46(
    'GDPR_46_3_B',
    'GDPR Art. 46(3)(b)',
    'administrative arrangement authorised by the supervisory authority',
    25,
  ),
  gdpr49(
    'A',
    'explicit consent after being informed of the risks',
    ['separate-consent', 'not-public-authority'],
    true,
  ),
  gdpr49('B', 'necessary for a contract with the data subject', [
    'reference-on-file',
    'not-public-authority',
  ]),
  gdpr49('C', 'necessary for a contract in the data subject’s interest', [
    'reference-on-file',
    'not-public-authority',
  ]),
  gdpr49('D', 'important reasons of public interest', ['reference-on-file']),
  gdpr49('E', 'establishment, exercise or defence of legal claims', ['reference-on-file']),
  gdpr49('F', 'vital interests where the data subject cannot consent', ['reference-on-file']),
  gdpr49('G', 'transfer from a public register', ['reference-on-file']),
  {
    code: 'GDPR_49_1_2',
    regime: 'EU_GDPR',
    article: 'GDPR Art. 49(1) second subparagraph',
    title: 'compelling legitimate interests (non-repetitive, limited subjects, authority informed)',
    conditions: ['reference-on-file', 'not-public-authority'],
    consent: false,
    rank: 70,
  },
  pipl(1, 'CAC security assessment'),
  pipl(2, 'personal-information protection certification by a specialised body'),
  pipl(3, 'CAC standard contract with the overseas recipient'),
  pipl(4, 'other conditions in law or CAC rules'),
  {
    code: 'CN_PIPL_39',
    regime: 'CN_PIPL',
    article: 'PIPL Art. 39',
    title: 'separate consent after informing of the recipient, purpose, method, categories and rights',
    conditions: ['pipl-38-basis', 'separate-consent'],
    consent: true,
    rank: 50,
  },
])

function gdpr46(code: string, article: string, title: string, rank: number): LegalBasis {
  return { code, regime: 'EU_GDPR', article, title, conditions: ['reference-on-file'], consent: false, rank }
}

function gdpr49(
  letter: string,
  title: string,
  conditions: readonly BasisCondition[],
  consent = false,
): LegalBasis {
  return {
    code: `GDPR_49_1_${letter}`,
    regime: 'EU_GDPR',
    article: `GDPR Art. 49(1)(${letter.toLowerCase()})`,
    title,
    conditions,
    consent,
    rank: 60,
  }
}

// PIPL 39's separate consent is required IN ADDITION to one of the Art. 38 grounds: each 38 basis
// therefore also needs the consent, and evaluate-transfer names 39 when it is the missing part.
function pipl(item: number, title: string): LegalBasis {
  return {
    code: `CN_PIPL_38_1_${item}`,
    regime: 'CN_PIPL',
    article: `PIPL Art. 38(1)${item} with Art. 39`,
    title,
    conditions: ['reference-on-file', 'separate-consent'],
    consent: false,
    rank: 20,
  }
}

const byCode = new Map(legalBases.map((b) => [b.code, b]))

/** The basis with this code, or undefined. */
export function legalBasis(code: string): LegalBasis | undefined {
  return byCode.get(code)
}

/** All basis codes (for config validation and JSON Schema). */
export const legalBasisCodes: readonly string[] = Object.freeze(legalBases.map((b) => b.code))

/** The bases of one regime, preferred first. */
export function basesOf(regime: Regime): readonly LegalBasis[] {
  return legalBases.filter((b) => b.regime === regime).sort((a, b) => a.rank - b.rank)
}

/** The article that makes a transfer need a basis at all, per regime (cited in "missing" reasons). */
export const transferRule: Readonly<Record<Regime, string>> = {
  KR_PIPA: 'PIPA Art. 28-8(1)',
  EU_GDPR: 'GDPR Art. 44',
  CN_PIPL: 'PIPL Art. 38–39',
}

/** The consent basis a data subject can give in each regime (the consent page asks for it). */
export const consentBasisOf: Readonly<Record<Regime, string>> = {
  KR_PIPA: 'KR_PIPA_28_8_1_1',
  EU_GDPR: 'GDPR_49_1_A',
  CN_PIPL: 'CN_PIPL_39',
}

// EEA members: GDPR Chapter V concerns transfers out of this area (EU 27 + Iceland, Liechtenstein, Norway).
const eea = new Set(
  'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO'.split(' '),
)

/**
 * Countries with a Commission adequacy decision (GDPR 45), as of the research pass. Korea's is
 * Implementing Decision (EU) 2022/254. The US entry covers only certified organisations under the
 * EU-US Data Privacy Framework, so it is left out: a DPF transfer is recorded as a GDPR_45 basis on file.
 */
export const euAdequateCountries: readonly string[] = Object.freeze(
  'AD AR CA CH FO GB GG IL IM JE JP KR NZ UY'.split(' '),
)

/**
 * Countries the PIPC has recognised under Art. 28-8(1)5. Empty: regulation.md §7(3) found no published
 * recognition; the operator adds one through configuration when the Official Gazette publishes it.
 */
export const pipcRecognisedCountries: readonly string[] = Object.freeze([])

/** The regime whose domestic area contains `country` (ISO alpha-2, or 'EU'), if Sluice encodes one. */
export function regimeOfCountry(country: string): Regime | undefined {
  if (country === 'KR') return 'KR_PIPA'
  if (country === 'CN') return 'CN_PIPL'
  if (country === 'EU' || eea.has(country)) return 'EU_GDPR'
  return undefined
}

/** True when a flow to `country` leaves the area `regime` governs. */
export function leavesRegime(regime: Regime, country: string): boolean {
  if (regime === 'KR_PIPA') return country !== 'KR'
  if (regime === 'CN_PIPL') return country !== 'CN'
  return !eea.has(country)
}
