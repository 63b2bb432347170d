// Hard negatives: every one of these must render with NO labelled span.
import type { TemplateGroup } from './template-group.ts'

/** Numbers and words near identifiers that are not identifiers. */
export const negativeTemplates: readonly TemplateGroup[] = [
  {
    lang: 'ko',
    form: 'chat',
    negative: true,
    texts: [
      '주문번호 {{orderNo}} 배송 조회해 주세요',
      '배포 버전 {{version}}에서 버그가 재현됩니다',
      'ISBN {{isbn}} 도서 재고 확인 부탁드립니다',
      '우편번호 {{postal}} 지역 배송비 알려줘',
      '카드번호 {{badCard}}{{~eun}} 유효하지 않다고 나와요',
      '이 번호 {{badRrn}}{{~eun}} 날짜가 이상해서 주민번호가 아닌 것 같아요',
      '비밀번호를 잊어버렸어요. 재설정 방법 알려주세요.',
      '비밀번호 변경 주기는 90일입니다.',
      '비밀유지계약(NDA) 초안을 검토해 줘',
      '대외비용 절감 방안을 정리해 줘',
      '결제 금액 {{amountKo}}, 부가세 포함',
      '세금계산서 승인번호 {{taxInvoice}}',
      '사번 {{employeeNo}} 연차 잔여일 알려줘',
      '학번 {{studentNo}} 수강신청 내역 보여줘',
      '내선 {{extension}}번으로 연결해 주세요',
      '회의 참석 인원 {{count}}명, 회의실 예약 부탁',
      '{{dateKo}} 오후 3시 회의 일정 잡아줘',
      '전환율이 {{percent}} 상승했습니다',
      '모델 {{productCode}} 재고 있나요?',
      '이번 분기 매출은 {{amountKo}}입니다',
      '작업 시간 09:00-18:00, 점심 12:00-13:00',
      '이 비밀은 우리끼리만 알고 있자',
    ],
  },
  {
    lang: 'en',
    form: 'chat',
    negative: true,
    texts: [
      'Please keep this secret between us until the launch.',
      'The secret to a good kimchi is patience.',
      'This email may contain confidential information.',
      'Total: {{amountEn}} (invoice {{invoice}})',
      'The build {{commit}} passed on port {{port}}.',
      'Ticket {{ticket}} is blocked by {{ticket}}.',
      'The meeting is on {{isoTime}} in room 4.',
      'Upgrade to Node {{version}} and rerun the tests.',
      'What is the password policy for new accounts?',
    ],
  },
  {
    lang: 'en',
    form: 'log',
    negative: true,
    texts: [
      'timestamp={{epochMs}} level=INFO msg="job finished"',
      'request_id: {{requestId}}',
      'trace {{requestId}} failed after 3 retries',
      '{{isoTime}} INFO worker started pid={{count}}',
    ],
  },
  {
    lang: 'mixed',
    form: 'json',
    negative: true,
    texts: [
      '{"request_id":"{{requestId}}","status":200}',
      '{"order_id":"{{orderNo}}","amount":"{{amountKo}}","created_at":"{{isoTime}}"}',
      '{"version":"{{version}}","build":"{{commit}}","ts":{{epochMs}}}',
    ],
  },
]
