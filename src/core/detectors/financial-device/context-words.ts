/** Words that mark a nearby number as a payment card (lower-case; substring match). */
export const cardContextWords: readonly string[] = [
  'card',
  '카드',
  'visa',
  'master',
  'amex',
  'american express',
  'discover',
  'jcb',
  'diners',
  'unionpay',
  'union pay',
  '은련',
  'maestro',
  'credit',
  'debit',
  'cvv',
  'cvc',
  '결제',
]

/** Words that mark a nearby number as an IMEI; they beat card context for 15- and 16-digit numbers. */
export const imeiContextWords: readonly string[] = [
  'imei',
  'international mobile equipment',
  '단말기 고유번호',
  '단말기고유번호',
  '단말기 고유 번호',
  '기기 식별번호',
  '기기식별번호',
  '기기 고유번호',
  '기기고유번호',
  '기기번호',
  '기기 번호',
  '단말기번호',
  '단말기 번호',
  '*#06#',
]

/** Words that say a long number is a reference, not a card: order, tracking and invoice numbers. */
export const referenceContextWords: readonly string[] = [
  'order',
  'tracking',
  'invoice',
  'reference',
  'ref no',
  'ref#',
  'transaction id',
  'txn',
  '주문',
  '송장',
  '운송장',
  '배송',
  '거래번호',
  '접수번호',
  '예약번호',
]

/** Words that mark an IBAN's surroundings; the checksum already does most of the work. */
export const ibanContextWords: readonly string[] = [
  'iban',
  'account',
  'bank',
  'konto',
  'swift',
  'bic',
  '계좌',
  '은행',
  '송금',
  '입금',
  '해외',
]
