import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createDetectionEngine } from '../../detection/create-engine.ts'
import { createScanInput } from '../../detection/scan-input.ts'
import { languageDetectors } from './index.ts'
import { personDetector } from './person-detector.ts'

const engine = createDetectionEngine(languageDetectors)
const names = (text: string): string[] =>
  engine
    .scan(text)
    .filter((f) => f.type === 'PERSON')
    .map((f) => text.slice(f.start, f.end))

// [why it is a name, text, the names expected]
const positives: readonly (readonly [string, string, readonly string[]])[] = [
  ['a colon label', '성명: 홍길동', ['홍길동']],
  ['the 이름 label', '이름: 김민준', ['김민준']],
  ['the 고객명 label', '고객명: 이서연', ['이서연']],
  ['a spaced colon', '환자명 : 박지훈', ['박지훈']],
  ['a label without colon', '예금주 최수빈', ['최수빈']],
  ['a case-file party label', '민원인 이영희 님이 방문', ['이영희']],
  ['a party label with a colon and a phone', '민원인: 김민수 (010-2222-3333)', ['김민수']],
  ['a party label that is only a noun', '민원인이 방문했습니다', []],
  ['a label with a trailing note', '담당자: 정예준 (인사팀)', ['정예준']],
  ['the 작성자 label', '작성자 강하은', ['강하은']],
  ['the 신청인 label', '신청인 조현우 외 2명', ['조현우']],
  ['the 보호자 label', '보호자 : 윤서윤', ['윤서윤']],
  ['수신 with a rank after', '수신: 장민재 부장', ['장민재']],
  ['참조 with 과장님', '참조: 임지우 과장님', ['임지우']],
  ['a topic particle and copula', '제 이름은 한지민입니다.', ['한지민']],
  ['님께서', '홍길동님께서 요청하신 자료입니다.', ['홍길동']],
  ['씨가', '김철수 씨가 전화했습니다.', ['김철수']],
  ['선생님께', '이영희 선생님께 감사드립니다.', ['이영희']],
  ['고객님', '박민수 고객님, 주문이 완료되었습니다.', ['박민수']],
  ['교수는', '최정호 교수는 발표를 했다.', ['최정호']],
  ['박사의', '정수진 박사의 연구 결과', ['정수진']],
  ['대표이사가', '강동원 대표이사가 참석했다.', ['강동원']],
  ['과장은', '조민호 과장은 휴가 중입니다.', ['조민호']],
  ['팀장님께', '윤재현 팀장님께 보고하세요.', ['윤재현']],
  ['대리에게', '장혜진 대리에게 전달 부탁드립니다.', ['장혜진']],
  ['주무관이', '임성민 주무관이 담당합니다.', ['임성민']],
  ['사무관과', '한상철 사무관과 협의했다.', ['한상철']],
  ['서기관', '오준영 서기관 보고', ['오준영']],
  ['국장은', '서지원 국장은 오늘 부재', ['서지원']],
  ['차관이', '신동훈 차관이 발언했다.', ['신동훈']],
  ['장관은', '권영수 장관은 기자회견에서', ['권영수']],
  ['a two-syllable surname 황보', '황보영 의원이 질의했다.', ['황보영']],
  ['a two-syllable surname 남궁', '남궁민수 씨는 어디 있나요?', ['남궁민수']],
  ['a two-syllable surname 제갈', '제갈성민 변호사 사무실', ['제갈성민']],
  ['a two-syllable surname 선우', '선우재덕 기자', ['선우재덕']],
  ['a glued honorific', '김민지님 안녕하세요', ['김민지']],
  ['the spaced form', '홍 길동 님', ['홍 길동']],
  ['the spaced form after a label', '성명: 김 철수', ['김 철수']],
  ['a department before the rank', '김철수 인사과장', ['김철수']],
  ['a former-office marker', '이민호 전 장관', ['이민호']],
  ['a team before the rank', '박서준 개발팀 팀장', ['박서준']],
  ['a rank before the name', '과장 김철수', ['김철수']],
  ['the recipient particle 에게', '김민준에게 메일을 보냈다.', ['김민준']],
  ['an English honorific', 'Mr. John Smith will attend.', ['John Smith']],
  ['Dr.', 'Dr. Emily Watson reviewed it.', ['Emily Watson']],
  ['Ms. without surname context', 'Ms. Jane Doe', ['Jane Doe']],
  ['Prof.', 'Prof. Alan Turing', ['Alan Turing']],
  ['a surname only after Mrs.', 'Mrs. Kim approved it.', ['Kim']],
  ['Dear', 'Dear Sarah,', ['Sarah']],
  ['Name:', 'Name: Michael Johnson', ['Michael Johnson']],
  ['my name is + romanised Korean', 'My name is Hong Gil-dong.', ['Hong Gil-dong']],
  ['an all-caps romanised name after a label', 'Name: HONG GILDONG', ['HONG GILDONG']],
  ['From:', 'From: David Miller', ['David Miller']],
  ['a hyphenated romanised name', 'Hong Gil-dong submitted the form.', ['Hong Gil-dong']],
  ['given name first', 'Gil-dong Hong signed it.', ['Gil-dong Hong']],
  ['a known first name', 'Contact Jennifer Lopez for details.', ['Jennifer Lopez']],
  ['a valediction', 'Best regards,\nThomas Anderson', ['Thomas Anderson']],
  ['a JSON key', 'customer_name: "Jane Doe"', ['Jane Doe']],
  ['a Korean label before an English name', '담당: John Smith', ['John Smith']],
  ['a self-introduction', "I'm Jessica Alba from marketing.", ['Jessica Alba']],
  ['two names in one sentence', '김철수 과장과 이영희 대리가 참석', ['김철수', '이영희']],
  ['the name at the very end', '문의: 홍길동님', ['홍길동']],
  ['a self-introduction with a copula', '저는 김민준입니다.', ['김민준']],
  ['a role noun in apposition', '환자 이영희는 45세입니다', ['이영희']],
  ['a phone number glued after the name', '홍길동(010-1234-5678)에게 연락', ['홍길동']],
  ['a historical title', '이순신 장군 동상', ['이순신']],
  ['故 and a former office', '故 김대중 전 대통령', ['김대중']],
]

// [why it is not a name, text]
const negatives: readonly (readonly [string, string])[] = [
  ['이 is a determiner', '이 과장은 바쁘다'],
  ['a rank alone', '장관님께서 말씀하셨다'],
  ['고객님 alone', '고객님 안녕하세요'],
  ['a department glued to the rank', '인사과장에게 보고했다'],
  ['총무부장', '총무부장 회의가 있습니다'],
  ['정보 before a label', '정보 담당자에게 문의하세요'],
  ['common nouns', '전체 회의는 오늘 오후입니다'],
  ['한국', '한국 정부의 정책'],
  ['이 정도', '이 정도 과장이면 충분하다'],
  ['a role noun with 자', '이용자에게 안내합니다'],
  ['another role noun', '지원자에게 연락했다'],
  ['a nationality noun', '한국인에게 인기가 많다'],
  ['a label followed by a noun', '담당자 변경 요청'],
  ['a label followed by a compound', '담당자 연락처를 알려주세요'],
  ['an object particle on the label', '이름을 입력하세요'],
  ['성명서', '성명서를 발표했다'],
  ['대표적', '대표적인 사례'],
  ['이사회', '이사회 결의'],
  ['기자회견', '기자회견이 열렸다'],
  ['다양한', '다양한 의견'],
  ['군대', '아들 군대 간다'],
  ['날씨', '날씨가 좋다'],
  ['a team glued to its rank', '마케팅팀장 회의'],
  ['부모님', '부모님께 드릴 선물'],
  ['여러분', '여러분께 감사드립니다'],
  ['구성원', '구성원에게 공지'],
  ['a pet', '강아지에게 밥을 줬다'],
  ['a ministry', '국방부 장관이 방문했다'],
  ['a party', '민주당 대표 연설'],
  ['a colon label with a placeholder', '담당자: 공석'],
  ['a surname and a rank only', '김 과장님 오셨어요'],
  ['a surname with 부장님', '정 부장님은 회의 중이십니다.'],
  ['a nationality after 저는', '저는 한국인입니다.'],
  ['저는 without a name', '저는 정말 괜찮습니다.'],
  ['a role noun before a compound noun', '회원 정보란에 입력하세요'],
  ['a role noun before a common noun', '환자 정보는 암호화하여 저장합니다.'],
  ['a newly appointed president', '신임 사장은 취임사에서 혁신을 강조했다.'],
  ['a field label and its value type', '연락처(010-1234-5678)'],
  ['a brand', "Victoria's Secret sells lingerie."],
  ['a team greeting', 'Hi team, please review.'],
  ['Dear Sir', 'Dear Sir or Madam,'],
  ['a place', 'The New York office is open.'],
  ['a topic', 'Machine Learning is popular.'],
  ['an AI assistant', 'Hi Claude, help me write code.'],
  ['a file name', 'file name: Report.pdf'],
  ['a project name', 'Project Name: Apollo'],
  ['a headline', 'Best Practices for security'],
  ['an ambiguous romanised surname without hyphen', 'Moon Landing anniversary'],
  ['a support team', 'Please contact Customer Support.'],
  ['a product', 'This is Microsoft Teams.'],
  ['a street', 'Park Avenue apartments'],
]

describe('personDetector', () => {
  for (const [why, text, expected] of positives) {
    it(`finds ${expected.join(', ')} when the cue is ${why}`, () => {
      assert.deepEqual(names(text), expected)
    })
  }
  for (const [why, text] of negatives) {
    it(`finds nothing when ${why}: ${text}`, () => {
      assert.deepEqual(names(text), [])
    })
  }
  it('maps spans back to the original text when normalisation changed it', () => {
    const text = '성명：\u200b홍길동님'
    assert.deepEqual(names(text), ['홍길동'])
  })
  it('scores label-and-colon names as strong and bare particles as medium', () => {
    const [strong] = engine.scan('성명: 홍길동')
    const [medium] = engine.scan('홍길동에게 연락')
    assert.ok(strong && strong.score >= 0.85)
    assert.ok(medium && medium.score >= 0.5 && medium.score < 0.85)
  })
  it('marks the script of the name in the subtype', () => {
    const subtypes = engine.scan('성명: 홍길동, Mr. John Smith, Hong Gil-dong').map((f) => f.subtype)
    assert.deepEqual(subtypes, ['korean', 'english', 'romanized-korean'])
  })
  it('keeps the determiner-like spaced form below the floor', () => {
    const findings = personDetector.detect(createScanInput('전 삼성 대표'))
    assert.equal(findings.length, 1)
    assert.ok(findings.every((f) => f.score < 0.5))
  })
})
