// The letter asking a recipient to delete what it received. It lists the records by their ledger
// metadata only (seq, time, request id, data categories): the letter leaves the organisation, so it
// must not carry the content it asks to have deleted.
import type { TimeRange } from './directive.ts'

/** One transfer the letter names. */
export interface AffectedRecord {
  /** Ledger sequence number of the decision record. */
  readonly seq: number
  readonly time: string
  readonly requestId: string
  /** Data categories found in what was sent (never the values). */
  readonly categories: readonly string[]
}

/** What {@link deletionLetter} writes. */
export interface DeletionLetterInput {
  /** Id of the deletion request, quoted so the recipient's confirmation can be matched to it. */
  readonly requestId: string
  readonly orderRef: string
  readonly basis?: string
  readonly recipient: string
  readonly range: TimeRange
  readonly records: readonly AffectedRecord[]
  /** The sending organisation, when known. */
  readonly organisation?: string
  readonly issuedAt: string
  readonly issuedBy: string
}

/** The letter in both languages, plain text. */
export interface DeletionLetter {
  readonly ko: string
  readonly en: string
}

/** Writes the deletion request letter (Korean and English) for `input`. */
export function deletionLetter(input: DeletionLetterInput): DeletionLetter {
  const order = input.basis === undefined ? input.orderRef : `${input.orderRef} (${input.basis})`
  const from = input.organisation ?? 'the undersigned organisation'
  const fromKo = input.organisation ?? '본 기관'
  const table = recordTable(input.records)
  const en = [
    `Request for deletion of personal data — reference ${input.requestId}`,
    '',
    `To: ${input.recipient}`,
    `From: ${from}, issued by ${input.issuedBy} on ${input.issuedAt}`,
    `Order: ${order}`,
    `Period: ${input.range.from} to ${input.range.to} (end exclusive)`,
    '',
    `Under the order above, we ask you to delete all data you received from us during this period in the`,
    `${input.records.length} transfer(s) listed below, including copies held by your processors, backups and`,
    'any data derived from it, and to confirm the deletion in writing, quoting the reference above.',
    'The list identifies each transfer by our record number, time and request id; it holds no content.',
    '',
    table.en,
  ].join('\n')
  const ko = [
    `개인정보 파기 요청 — 참조번호 ${input.requestId}`,
    '',
    `수신: ${input.recipient}`,
    `발신: ${fromKo}, ${input.issuedBy} (${input.issuedAt})`,
    `근거 명령: ${order}`,
    `대상 기간: ${input.range.from} ~ ${input.range.to} (종료 시각 미포함)`,
    '',
    `위 명령에 따라, 귀사가 위 기간 중 당사로부터 수신한 아래 ${input.records.length}건의 전송 데이터를`,
    '수탁자 보관분, 백업 및 이로부터 생성된 데이터를 포함하여 모두 파기하고, 위 참조번호를 기재하여',
    '파기 결과를 서면으로 확인하여 주시기 바랍니다. 아래 목록은 기록 번호, 시각, 요청 ID로 전송을',
    '식별하며 내용은 포함하지 않습니다.',
    '',
    table.ko,
  ].join('\n')
  return { ko, en }
}

function recordTable(records: readonly AffectedRecord[]): DeletionLetter {
  if (records.length === 0) {
    return {
      en: '(No transfers to this recipient are recorded in this period.)',
      ko: '(이 기간에 이 수신자에게 전송된 기록이 없습니다.)',
    }
  }
  const rows = records.map(
    (r) => `${String(r.seq).padStart(8)}  ${r.time}  ${r.requestId}  ${r.categories.join(', ') || '-'}`,
  )
  return {
    en: [`     seq  time                      request id  categories`, ...rows].join('\n'),
    ko: [`    번호  시각                      요청 ID  데이터 분류`, ...rows].join('\n'),
  }
}
