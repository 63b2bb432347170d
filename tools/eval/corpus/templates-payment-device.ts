// Templates for cards, IBANs, device identifiers and network addresses.
import type { TemplateGroup } from './template-group.ts'

/** Payment, device and network templates. */
export const paymentDeviceTemplates: readonly TemplateGroup[] = [
  {
    lang: 'ko',
    form: 'chat',
    texts: [
      '카드 {{card}}{{~ro}} 결제해 주세요',
      '결제 카드 {{card}} 한도 조회 부탁해요',
      '카드번호: {{card}}',
      '해외 송금 IBAN {{iban}}{{~ro}} 보내 주세요',
      '분실폰 IMEI는 {{imei}}입니다.',
      '단말기 고유번호(IMEI): {{imei}}',
      '서버 {{ipv4}}에서 에러가 납니다',
      '접속 IP: {{ipv4}}, {{ipv6}}',
      'IPv6 주소 {{ipv6}}{{~ro}} 방화벽 허용해줘',
      'MAC 주소 {{mac}}{{~ro}} 등록해 주세요',
      '노트북 맥어드레스는 {{mac}}입니다',
      '광고 식별자(ADID): {{adid}}',
      'IDFA {{adid}} 기준으로 설치 이벤트 조회해 줘',
    ],
  },
  {
    lang: 'en',
    form: 'chat',
    texts: [
      'My card number is {{card}}, expiry 12/27.',
      'Charge {{card}} for the renewal.',
      'IBAN: {{iban}}',
      'Please transfer the fee to IBAN {{iban}}.',
      'IMEI {{imei}}',
      'The request came from {{ipv4}}.',
      'ping {{ipv6}}',
      'MAC address: {{mac}}',
      'advertising_id={{adid}}',
    ],
  },
  {
    lang: 'mixed',
    form: 'json',
    texts: [
      '{"card_number":"{{card}}"}',
      '{"iban":"{{iban}}"}',
      '{"imei":"{{imei}}","model":"SM-S921N"}',
      '{"client_ip":"{{ipv4}}"}',
      '{"mac":"{{mac}}"}',
      '{"idfa":"{{adid}}"}',
      '{"gaid":"{{adid}}","platform":"android"}',
      '{"device":{"adid":"{{adid}}","ip":"{{ipv6}}"}}',
    ],
  },
  {
    lang: 'en',
    form: 'log',
    texts: [
      'card={{card}} amount=49000 status=APPROVED',
      'GET /api/v1/items 200 src={{ipv4}}',
      'dhcp lease mac={{mac}} ip={{ipv4}}',
      'device imei={{imei}} os=Android',
      'adid: {{adid}}',
      'sshd: Accepted publickey from {{ipv6}} port 52100',
    ],
  },
]
