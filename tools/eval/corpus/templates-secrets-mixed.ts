// Templates for credentials, classification markings, and multi-entity prompts.
import type { TemplateGroup } from './template-group.ts'

/** Secrets and classified-marking templates. */
export const secretMarkingTemplates: readonly TemplateGroup[] = [
  {
    lang: 'en',
    form: 'log',
    texts: [
      'OPENAI_API_KEY={{apiKey}}',
      'Authorization: Bearer {{jwt}}',
      'Authorization: Bearer {{bearer}}',
      'token={{jwt}}',
      'DB_PASSWORD={{password}}',
      'password: {{password}}',
      'spring.datasource.password={{password}}',
    ],
  },
  {
    lang: 'mixed',
    form: 'json',
    texts: [
      '{"username":"admin","password":"{{password}}"}',
      '{"api_key": "{{apiKey}}", "region": "ap-northeast-2"}',
    ],
  },
  {
    lang: 'mixed',
    form: 'chat',
    texts: [
      '이 키 {{apiKey}} 로 호출하면 401이 떠요',
      'Here is my key {{apiKey}}, why does it fail?',
      '이 JWT {{jwt}} 디코딩해서 만료시간 알려줘',
    ],
  },
  {
    lang: 'ko',
    form: 'doc',
    texts: [
      '{{markingKo}}\n작전 계획 초안을 요약해 주세요',
      '이 문서는 {{markingKo}}{{~ro}} 분류되어 있습니다',
      '【{{markingKo}}】 업무계획 보고',
      '[{{markingKo}}] 회의 결과 보고',
      '{{markingKo}}\n보고 내용 정리 부탁\n{{regradingNotice}}',
    ],
  },
  {
    lang: 'en',
    form: 'doc',
    texts: [
      '{{markingEn}}\nSUBJECT: Quarterly plan',
      'Classification: {{markingEn}}',
      '{{markingEn}} - do not forward',
      '{{markingEn}}\n{{portionMark}} The convoy schedule is attached.\n{{portionMark}} Summarize the logistics section.',
    ],
  },
]

/** Prompts that carry several identifiers at once, as pasted records, mails, logs and JSON. */
export const mixedTemplates: readonly TemplateGroup[] = [
  {
    lang: 'ko',
    form: 'form',
    texts: [
      '고객 정보 정리해줘:\n이름 {{nameKo}}\n주민번호 {{rrn}}\n휴대폰 {{phone}}\n이메일 {{email}}\n주소 {{address}}',
      '민원인 {{nameKo}} ({{phone}}) 주소 {{address}} 민원 내용 요약',
    ],
  },
  {
    lang: 'mixed',
    form: 'email',
    texts: [
      'Subject: 계약서 송부\n\n{{nameKo}} 과장님,\n첨부한 계약서 확인 부탁드립니다. 사업자등록번호 {{brn}}, 입금 계좌는 {{bankAccount}}입니다.\n\n{{phone}}',
      'Please draft a reply to {{nameEn}} ({{email}}); the order {{orderNo}} was charged to card {{card}}.',
      'summarize this ticket: customer {{nameEn}}, phone {{phoneIntl}}, IBAN {{iban}}, ticket {{ticket}}',
    ],
  },
  {
    lang: 'mixed',
    form: 'json',
    texts: [
      '{"user":{"name":"{{nameKo}}","phone":"{{phone}}","email":"{{email}}"},"device":{"imei":"{{imei}}","ip":"{{ipv4}}","idfa":"{{adid}}"},"request_id":"{{requestId}}"}',
      '{"messages":[{"role":"user","content":"제 카드 {{card}} 결제가 안 돼요. 연락처 {{phone}}"}]}',
    ],
  },
  {
    lang: 'en',
    form: 'log',
    texts: [
      '[{{isoTime}}] user={{email}} ip={{ipv4}} mac={{mac}} action=login',
      '{{isoTime}} ERROR auth failed for {{email}} from {{ipv6}}',
    ],
  },
]
