/** One institution from the KFTC account-numbering table: names that announce it and its account lengths. */
export interface BankAccountFormat {
  readonly id: string
  /** Lower-case names found anywhere in the context window. */
  readonly names: readonly string[]
  /** Short forms that are ordinary words too (우리, 하나, 기업…): they count only right before the number. */
  readonly shortNames: readonly string[]
  readonly lengths: readonly number[]
}

const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i)

/** Account lengths per institution, from the KFTC CMS table as cited in pii-detection.md §3.9. */
export const bankAccountFormats: readonly BankAccountFormat[] = [
  { id: 'kdb', names: ['산업은행', 'kdb'], shortNames: ['산업'], lengths: [11, 14] },
  { id: 'ibk', names: ['기업은행', 'ibk'], shortNames: ['기업'], lengths: [10, 11, 12, 14] },
  {
    id: 'kb',
    names: ['국민은행', 'kb국민', 'kb 국민', 'kb은행'],
    shortNames: ['국민', 'kb'],
    lengths: [10, 11, 12, 14],
  },
  { id: 'hana', names: ['하나은행', 'keb'], shortNames: ['하나'], lengths: [11, 12, 14] },
  { id: 'suhyup', names: ['수협'], shortNames: [], lengths: [11, 12, 14] },
  { id: 'nh', names: ['농협', 'nh은행'], shortNames: ['nh'], lengths: [11, 12, 13, 14] },
  { id: 'woori', names: ['우리은행'], shortNames: ['우리'], lengths: [11, 12, 13, 14] },
  { id: 'sc', names: ['sc제일', '제일은행', 'sc은행'], shortNames: ['sc'], lengths: [11, 14] },
  { id: 'citi', names: ['씨티', 'citibank', 'citi bank'], shortNames: ['citi'], lengths: [10, 11, 12, 13] },
  {
    id: 'im',
    names: ['대구은행', 'im뱅크', 'im bank', '아이엠뱅크'],
    shortNames: ['대구', 'im'],
    lengths: range(7, 14),
  },
  { id: 'busan', names: ['부산은행'], shortNames: ['부산'], lengths: [12, 13] },
  { id: 'gwangju', names: ['광주은행'], shortNames: ['광주'], lengths: [12, 13] },
  { id: 'jeonbuk', names: ['전북은행'], shortNames: ['전북'], lengths: [12, 13] },
  { id: 'kyongnam', names: ['경남은행'], shortNames: ['경남'], lengths: [12, 13] },
  { id: 'jeju', names: ['제주은행'], shortNames: ['제주'], lengths: [10, 12] },
  { id: 'kfcc', names: ['새마을금고'], shortNames: ['새마을'], lengths: [13] },
  { id: 'cu', names: ['신협'], shortNames: [], lengths: range(10, 14) },
  { id: 'savings', names: ['저축은행'], shortNames: [], lengths: [14] },
  { id: 'epost', names: ['우체국'], shortNames: [], lengths: [12, 13, 14] },
  { id: 'shinhan', names: ['신한'], shortNames: [], lengths: range(11, 14) },
  { id: 'kbank', names: ['케이뱅크', 'k뱅크'], shortNames: ['케이'], lengths: [10, 12, 13, 14] },
  { id: 'kakaobank', names: ['카카오뱅크', '카뱅'], shortNames: ['카카오'], lengths: [13] },
  { id: 'tossbank', names: ['토스뱅크'], shortNames: ['토스'], lengths: [12] },
]

/**
 * Commonly seen hyphenations as group lengths packed four bits each: 국민 6-2-6, 신한 3-3-6,
 * 우리 4-3-6, 하나 3-6-5, 기업 3-6-2-3, 농협 3-4-4-2, 카카오뱅크 4-2-7, 토스뱅크 4-4-4.
 */
export const knownAccountGroupings: ReadonlySet<number> = new Set([
  0x626, 0x336, 0x436, 0x365, 0x3623, 0x3442, 0x427, 0x444,
])
