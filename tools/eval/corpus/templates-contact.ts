// Templates for phones, e-mail, URLs, names and addresses.
import type { TemplateGroup } from './template-group.ts'

/** Contact-data templates. */
export const contactTemplates: readonly TemplateGroup[] = [
  {
    lang: 'ko',
    form: 'chat',
    texts: [
      '제 번호는 {{phone}}입니다.',
      '연락처 {{phone}}{{~ro}} 문자 주세요',
      '{{phone}}{{~ro}} 전화 주시면 됩니다.',
      '휴대폰: {{phone}} / 회사: {{phone}}',
      '고객센터 {{phone}}에서 상담 가능합니다',
      '담당자 {{nameKo}} 대리 ({{phone}})에게 물어보세요',
      '메일은 {{email}}{{~ro}} 보내 주세요.',
      '메일은{{email}} 입니다',
      '회신 주소 {{emailIdn}} 로 보내주세요',
      '자료는 {{email}}에서 받았어요',
      '{{url}}에서 다운로드하세요',
      '공지 링크 {{url}}{{~eul}} 참고해 주세요',
      '{{nameKo}}님, 안녕하세요. 요청하신 자료 보내드립니다.',
      '담당자 {{nameKo}} 과장에게 전달해 주세요.',
      '{{nameKo}} 주무관이 작성한 보고서를 요약해 줘',
      '{{nameKo}} 고객님의 문의 내용을 정리해 줘',
      '{{nameKo}} 교수님께 보낼 메일 초안 써줘',
      '신청인 {{nameKo}}, 보호자 {{nameKo}}',
      '배송지는 {{address}}입니다.',
      '제 집 주소는 {{address}}이고 우편번호는 {{postal}}입니다.',
      '현 거주지 {{address}}{{~ro}} 전입신고 했어요',
    ],
  },
  {
    lang: 'ko',
    form: 'form',
    texts: [
      '이메일: {{email}}',
      '전화번호: {{phone}}',
      '성명: {{nameKo}}',
      '작성자: {{nameKo}} 사무관',
      '고객명: {{nameKo}} / 연락처: {{phone}}',
      '주소: {{address}}',
      '링크: {{url}}',
    ],
  },
  {
    lang: 'en',
    form: 'chat',
    texts: [
      'Call me at {{phone}} after six.',
      'My number is {{phoneIntl}}.',
      'You can reach our Seoul office on {{phone}} or the US desk on {{phoneIntl}}.',
      'Send the report to {{email}} by Friday.',
      'Contact: {{emailIdn}} (IDN address)',
      'See {{url}} for details.',
      'Please forward this to {{nameEn}} in accounting.',
      'Hi, I am {{nameEn}} from the procurement team.',
      'Ship to: {{address}}',
    ],
  },
  {
    lang: 'en',
    form: 'email',
    texts: [
      'From: {{nameEn}} <{{email}}>\nTo: {{email}}\nSubject: Invoice',
      'Dear {{nameEn}},\nThanks for your call. Best, {{nameEn}}',
      'cc: {{email}}, {{email}}',
      'Name: {{nameEn}}\nPhone: {{phoneIntl}}',
    ],
  },
  {
    lang: 'mixed',
    form: 'json',
    texts: [
      '{"phone":"{{phone}}"}',
      '{"email":"{{email}}","locale":"ko-KR"}',
      '{"callback_url":"{{url}}"}',
      '{"customer_name":"{{nameKo}}"}',
      '{"contact":{"name":"{{nameEn}}","tel":"{{phoneIntl}}"}}',
      '{"address":"{{address}}"}',
    ],
  },
  {
    lang: 'mixed',
    form: 'doc',
    texts: [
      '[문서]({{url}}) 내용을 요약해 줘',
      'tel: {{phone}}',
      'Please translate: {{nameKo}}님의 연락처는 {{phone}}입니다.',
    ],
  },
]
