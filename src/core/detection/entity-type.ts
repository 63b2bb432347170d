/** The entity types Sluice detects. These names are a public contract: policies, the API and evaluation tools use them. */
export const entityTypes = [
  'KR_RRN',
  'KR_FRN',
  'KR_PASSPORT',
  'KR_DRIVER_LICENSE',
  'KR_BRN',
  'KR_CRN',
  'KR_NHI',
  'KR_BANK_ACCOUNT',
  'PHONE_NUMBER',
  'EMAIL_ADDRESS',
  'CREDIT_CARD',
  'IBAN_CODE',
  'IP_ADDRESS',
  'MAC_ADDRESS',
  'IMEI',
  'DEVICE_ID',
  'URL',
  'PERSON',
  'KR_ADDRESS',
  'CLASSIFIED_MARKING',
  'SECRET',
  'DICTIONARY_TERM',
  'EXACT_DATA',
] as const

/** One of {@link entityTypes}. */
export type EntityType = (typeof entityTypes)[number]

/** Data categories: the coarse vocabulary policies decide on. */
export const dataCategories = [
  'personal_identifier',
  'sensitive',
  'device_information',
  'network_details',
  'credentials',
  'classified',
  'organisation_defined',
] as const

/** One of {@link dataCategories}. */
export type DataCategory = (typeof dataCategories)[number]

/** Which category each type rolls up into. A Record makes a forgotten type a compile error. */
export const categoryOfType: Readonly<Record<EntityType, DataCategory>> = {
  KR_RRN: 'personal_identifier',
  KR_FRN: 'personal_identifier',
  KR_PASSPORT: 'personal_identifier',
  KR_DRIVER_LICENSE: 'personal_identifier',
  KR_BRN: 'personal_identifier',
  KR_CRN: 'personal_identifier',
  // Health insurance numbers reveal health-system membership: sensitive under PIPA Art. 23.
  KR_NHI: 'sensitive',
  KR_BANK_ACCOUNT: 'personal_identifier',
  PHONE_NUMBER: 'personal_identifier',
  EMAIL_ADDRESS: 'personal_identifier',
  CREDIT_CARD: 'personal_identifier',
  IBAN_CODE: 'personal_identifier',
  IP_ADDRESS: 'network_details',
  MAC_ADDRESS: 'device_information',
  IMEI: 'device_information',
  DEVICE_ID: 'device_information',
  URL: 'network_details',
  PERSON: 'personal_identifier',
  KR_ADDRESS: 'personal_identifier',
  CLASSIFIED_MARKING: 'classified',
  SECRET: 'credentials',
  DICTIONARY_TERM: 'organisation_defined',
  EXACT_DATA: 'organisation_defined',
}

const typeSet: ReadonlySet<string> = new Set(entityTypes)
const categorySet: ReadonlySet<string> = new Set(dataCategories)

/** True when `name` is one of the public entity type names. */
export function isEntityType(name: string): name is EntityType {
  return typeSet.has(name)
}

/** True when `name` is one of the data category names. */
export function isDataCategory(name: string): name is DataCategory {
  return categorySet.has(name)
}
