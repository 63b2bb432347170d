// What each {{slot}} of a template expands to: labelled identifiers and unlabelled look-alikes.
import type { EntityType } from '../../../src/core/detection/entity-type.ts'
import { decorateNumber } from './decorate.ts'
import { email, foreignPhone, koreanPhone, url } from './ids-contact.ts'
import {
  bankAccount,
  brnDigits,
  crnDigits,
  formatBrn,
  frnDigits,
  licenceGroups,
  nhiDigits,
  passportNumber,
  rrnDigits,
} from './ids-korean.ts'
import {
  cardNumber,
  groupCard,
  groupIban,
  iban,
  imei,
  ipv4,
  ipv6,
  macAddress,
  uuid,
} from './ids-payment-device.ts'
import { negativeSlots } from './negative-slots.ts'
import { englishName, koreanAddress, koreanName } from './people-places.ts'
import type { Rng } from './prng.ts'
import {
  apiKey,
  bearerToken,
  englishMarking,
  jwt,
  koreanMarking,
  password,
  portionMark,
  regradingNotice,
} from './secrets-markings.ts'

/** A run of text; `type` marks it as a labelled span. */
export interface Piece {
  readonly text: string
  readonly type?: EntityType
}

/** Expands one slot into pieces. */
export type Slot = (rng: Rng) => Piece[]

const label = (type: EntityType, text: string): Piece[] => [{ type, text }]
const numeric = (type: EntityType, rng: Rng, text: string): Piece[] => label(type, decorateNumber(rng, text))

/** Splits 13 RRN-shaped digits the ways people write them: hyphen, none, a space. */
function thirteen(rng: Rng, d: string, hyphenShare = 0.75): string {
  const r = rng.next()
  if (r < hyphenShare) return `${d.slice(0, 6)}-${d.slice(6)}`
  if (r < hyphenShare + 0.15) return d
  return `${d.slice(0, 6)} ${d.slice(6)}`
}

function licence(rng: Rng): Piece[] {
  const { region, name, rest } = licenceGroups(rng)
  const [yy, serial, cc] = rest
  const r = rng.next()
  // Legacy cards print the region name instead of the code; the name is part of the number.
  if (r < 0.15) return label('KR_DRIVER_LICENSE', `${name}${rng.chance(0.6) ? ' ' : ''}${yy}-${serial}-${cc}`)
  if (r < 0.7) return numeric('KR_DRIVER_LICENSE', rng, `${region}-${yy}-${serial}-${cc}`)
  if (r < 0.85) return numeric('KR_DRIVER_LICENSE', rng, `${region}${yy}${serial}${cc}`)
  return label('KR_DRIVER_LICENSE', `${region} ${yy} ${serial} ${cc}`)
}

/** Every slot a template may use. */
export const slots: Readonly<Record<string, Slot>> = {
  rrn: (r) => numeric('KR_RRN', r, thirteen(r, rrnDigits(r).digits)),
  rrnHyphen: (r) => label('KR_RRN', thirteen(r, rrnDigits(r).digits, 1)),
  frn: (r) => numeric('KR_FRN', r, thirteen(r, frnDigits(r))),
  crn: (r) => numeric('KR_CRN', r, thirteen(r, crnDigits(r), 0.85)),
  brn: (r) => {
    const d = brnDigits(r)
    return numeric('KR_BRN', r, r.chance(0.8) ? formatBrn(d) : d)
  },
  passport: (r) => label('KR_PASSPORT', passportNumber(r)),
  licence,
  nhi: (r) => numeric('KR_NHI', r, nhiDigits(r)),
  bankAccount: (r) => {
    const { bank, account } = bankAccount(r)
    return [{ text: `${bank} ` }, { type: 'KR_BANK_ACCOUNT', text: decorateNumber(r, account) }]
  },
  account: (r) => numeric('KR_BANK_ACCOUNT', r, bankAccount(r).account),
  phone: (r) => numeric('PHONE_NUMBER', r, koreanPhone(r)),
  phoneIntl: (r) => label('PHONE_NUMBER', foreignPhone(r)),
  email: (r) => label('EMAIL_ADDRESS', email(r)),
  emailIdn: (r) => label('EMAIL_ADDRESS', email(r, true)),
  card: (r) => {
    const sep = r.weighted([
      ['-', 9],
      [' ', 6],
      ['', 5],
    ] as const)
    return numeric('CREDIT_CARD', r, groupCard(cardNumber(r), sep))
  },
  iban: (r) => {
    const compact = iban(r)
    return label('IBAN_CODE', r.chance(0.5) ? compact : groupIban(compact))
  },
  imei: (r) => {
    const d = imei(r)
    return numeric(
      'IMEI',
      r,
      r.chance(0.8) ? d : `${d.slice(0, 2)}-${d.slice(2, 8)}-${d.slice(8, 14)}-${d.slice(14)}`,
    )
  },
  ipv4: (r) => label('IP_ADDRESS', ipv4(r)),
  ipv6: (r) => label('IP_ADDRESS', ipv6(r)),
  mac: (r) => label('MAC_ADDRESS', macAddress(r)),
  adid: (r) => {
    const id = uuid(r)
    return label('DEVICE_ID', r.chance(0.5) ? id.toUpperCase() : id)
  },
  url: (r) => label('URL', url(r)),
  nameKo: (r) => label('PERSON', koreanName(r)),
  nameEn: (r) => label('PERSON', englishName(r)),
  address: (r) => label('KR_ADDRESS', koreanAddress(r)),
  markingKo: (r) => label('CLASSIFIED_MARKING', koreanMarking(r)),
  markingEn: (r) => label('CLASSIFIED_MARKING', englishMarking(r)),
  regradingNotice: (r) => label('CLASSIFIED_MARKING', regradingNotice(r)),
  portionMark: (r) => label('CLASSIFIED_MARKING', portionMark(r)),
  apiKey: (r) => label('SECRET', apiKey(r)),
  jwt: (r) => label('SECRET', jwt(r)),
  bearer: (r) => label('SECRET', bearerToken(r)),
  password: (r) => label('SECRET', password(r)),
  ...negativeSlots,
}
