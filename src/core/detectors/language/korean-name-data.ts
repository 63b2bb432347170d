// Public facts: the 2015 census lists 153 surnames with at least 1,000 bearers, covering 99.8% of
// Korean nationals (pii-detection.md §5.1). This is that head of the distribution, with the common
// initial-sound spellings (리/류/라/림/로) people also write.
const singleSurnames =
  '김이박최정강조윤장임한오서신권황안송전홍유류고문양손배백허남심노하곽성차주우구민나진지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉사부가복태목형계피두감음빈동온호범좌팽승간상시갈견단당화창옹순빙종평묵곡근야매란라리림로량려초'

/** Korean surnames, one or two syllables (남궁, 황보, 제갈, 선우, 독고, 사공, 서문). */
export const koreanSurnames: ReadonlySet<string> = new Set([
  ...singleSurnames,
  '남궁',
  '황보',
  '제갈',
  '선우',
  '독고',
  '사공',
  '서문',
])

// Syllables common in given names across generations. Deliberately absent: syllables that are
// mostly particles or noun endings (이 의 을 를 는 에 과 와), and ones that turn common nouns into
// "names" after a surname syllable (부 사 구 회 장 임 실 청 직 생 배 내 황 로).
const givenSyllables =
  '가각간갑강건걸겸경계곤관광교국군권규균근금기길나난남늘다단달담대덕도돈동두득둘라란람랑래량려련렬령례록룡루류륜률름리린림만말매명모목몽무묵문미민바반백범별병보복본봉분비빈빛산삼상새샘서석선설섭성세소솔송수숙순숭슬승시식신심아안애야양언엄여연열염엽영예오옥온완왕요용우욱운웅원월위유육윤율융은음익인일자재전정제조종주준중지진찬창채천철초춘충치칠탁태택판팔평표필하학한해행향혁현협형혜호홍화환활효후훈휘흠흥희'

/** Syllables accepted inside a Korean given name. */
export const givenNameSyllables: ReadonlySet<string> = new Set(givenSyllables)

/**
 * First syllables that may precede a final 자 (영자, 순자…): other X자 words are role nouns
 * (이용자, 지원자, 피해자) that would otherwise read as surname + given name.
 */
export const beforeJaSyllables: ReadonlySet<string> = new Set(
  '영순정명춘옥미경숙말희은혜향금길복봉애화귀덕선수연현인점분양',
)

/** Common nouns that look like surname + given name; never reported as names. */
export const nameStopWords: ReadonlySet<string> = new Set([
  // two syllables, seen after labels such as "참조:" or "이름:"
  ...'정보 전체 오늘 한국 이름 이번 이상 이하 이후 이전 전화 주소 정부 미정 본인 성명 신청 변경 안내 기타 고객 사용 여부 유무 표시 지정 공란 공백 해당 하단 상단 문서 제목 내용 방법 선택 입력 확인 수정 삭제 조회 검색 등록 최신 최종 진행 완료 기본 공통 전원 전부 모두 우리 당신 본사 지사 지점 한글 영문 국문 성별 나이 주민 연락 전달 조치 조직 부서 명단 목록 경우 경로 도움 문의 서명 도장 서류 원본 사본 상기 하기 동일 동의 거부 승인 반려 결재 대기 보류 구분 국가 국적 지역 장소 시간 일시 금액 가격 계좌 은행 카드 번호 비고 참고 사항 홍보 기획 인사 총무 재무 회계 영업 개발 운영 관리 보안 감사 법무 공개 비공개 미상 익명 고객님 회원 담당 전담 정책 조건 유지 안전 주의 경고 사업 상품 제품 서비스 회사 부문 본부 팀원 직원 사원 신규 기존 현재 과거 미래 오전 오후 내일 어제 주간 월간 연간 매일 매주 소속 직급 직위 직책 연구 교육 지원 협조 요청 보고 회의 일정 계획 결과 분석 검토 점검 평가 전문 일반 특별 중요 긴급 임시 정기 수시 인원 명의 세대 가족 배우자 부모 자녀 형제 남편 아내 아들 딸 손님 공석 상동 동일인 미지정 주인 선배 후배 동료 상사 부하 친구 이웃 학생 교사 국민 시민 주민 노인 아이 어른'.split(
    ' ',
  ),
  // three syllables that pass the syllable checks
  ...'한국인 한국어 구성원 공무원 이용자 정도로 이정도 부동산 이상한 안전성 정상적 전문가 신청인 계약서 신청서 지원서 이력서 보고서 견적서 안내서 설명서 주민등록 한국은 장관급 차관급 국장급 과장급 부장급 이사회 위원회 주주총회 연구원 상담원 도우미 이번주 이번달 지난주 다음주 금요일 월요일 화요일 수요일 목요일 토요일 일요일 오늘은 정상인 유명인 공인인 연예인 방송인 경제인 기업인 정치인 지식인 외국인 원주민 선주민 민원인 대리인 보증인 증인은 소송인 변호인 의뢰인 고소인 피고인 원고인 매도인 매수인 임대인 임차인 수신인 발신인 상속인 후견인 관리인 주인공 이사진 경영진 임원진 의료진 연구진 교수진 제작진 운영진 심사위원 위원장 조합원 회원님 동호인 강사진 선수단 기자단 대표단 사절단 봉사단 조사단 강아지 송아지 장애인 은행원 승무원 민원인 상담원 유학생 신입생 재학생 졸업생 수험생 지원금 전문의 전공의 한의사'.split(
    ' ',
  ),
])
