/** Form labels and slots a Korean name follows: "성명: 홍길동", "담당자 김철수". */
export const koreanNameLabels: readonly string[] = [
  '성명',
  '성함',
  '이름',
  '담당자',
  '작성자',
  '신청인',
  '신청자',
  '보호자',
  '예금주',
  '수신인',
  '수신자',
  '수신',
  '참조',
  '고객명',
  '환자명',
  '대표자',
  '발신인',
  '발신자',
  '수취인',
  '수령인',
  '기안자',
  '검토자',
  '승인자',
  '결재자',
  '담당',
  '작성',
  '의뢰인',
  '계약자',
  '가입자',
  '예약자',
  '주문자',
  '세대주',
  '소유자',
  '임차인',
  '임대인',
  '피보험자',
  // Parties in a ministry's or a company's case files.
  '민원인',
  '신고인',
  '신고자',
  '제보자',
  '청구인',
  '대리인',
  '보증인',
  '피해자',
  '상담자',
  '받는 사람',
  '보내는 사람',
]

/** Role nouns set before a name in apposition (환자 김민수): weaker than a form label. */
export const koreanRoleLabels: readonly string[] = ['고객', '환자', '직원', '회원', '학생', '수강생', '故']

/** Self-introductions (저는 김민수입니다): they count only when a copula follows the name. */
export const koreanSelfIntroductions: readonly string[] = ['저는', '나는', '본인은']

/** Honorifics written after a name; they never precede one. */
export const koreanHonorifics: readonly string[] = [
  '님',
  '씨',
  '군',
  '양',
  '선생님',
  '선생',
  '고객님',
  '여사',
  '귀하',
]

/** Honorifics that are also ordinary words (군 county, 양 amount): they need a three-syllable name. */
export const weakKoreanHonorifics: ReadonlySet<string> = new Set(['군', '양', '선생'])

/** Job titles and government ranks: written after a name, and in signatures before one. */
export const koreanRanks: readonly string[] = [
  '교수',
  '박사',
  '대표이사',
  '대표',
  '회장',
  '부회장',
  '사장',
  '부사장',
  '전무',
  '상무',
  '이사장',
  '이사',
  '부장',
  '차장',
  '과장',
  '대리',
  '주임',
  '사원',
  '팀장',
  '실장',
  '본부장',
  '센터장',
  '소장',
  '원장',
  '국장',
  '차관보',
  '차관',
  '장관',
  '위원장',
  '의원',
  '기자',
  '변호사',
  '변리사',
  '세무사',
  '회계사',
  '노무사',
  '주무관',
  '사무관',
  '서기관',
  '부이사관',
  '이사관',
  '총장',
  '처장',
  '청장',
  '계장',
  '연구원',
  '책임',
  '선임',
  '수석',
  '매니저',
  '교사',
  '감독',
  '작가',
  '간호사',
  '약사',
  '목사',
  '대통령',
  '총리',
  '군수',
  '도지사',
  '구청장',
  '장군',
]

/** Particles that mark a person as recipient or honoured subject (에게, 께서): a weak cue alone. */
export const koreanPersonParticles: readonly string[] = ['에게서', '에게', '한테서', '한테', '께서']

/** How a Korean cue word reads: labels and role nouns before a name, honorifics and ranks after it. */
export type KoreanCue = 'label' | 'role' | 'self' | 'honorific' | 'weak-honorific' | 'rank' | 'particle'

/** Every Korean cue word and its kind; a word in two lists takes the later kind. */
export const koreanCues: ReadonlyMap<string, KoreanCue> = new Map<string, KoreanCue>([
  ...koreanPersonParticles.map((w) => [w, 'particle'] as const),
  ...koreanRanks.map((w) => [w, 'rank'] as const),
  ...koreanHonorifics.map((w) => [w, weakKoreanHonorifics.has(w) ? 'weak-honorific' : 'honorific'] as const),
  ...koreanNameLabels.map((w) => [w, 'label'] as const),
  ...koreanRoleLabels.map((w) => [w, 'role'] as const),
  ...koreanSelfIntroductions.map((w) => [w, 'self'] as const),
])

/**
 * Words between a name and its rank that are not part of the name: 전 (former), 현 (current), and
 * job modifiers (홍길동 전 장관, 김철수 수석 연구원).
 */
export const rankModifiers: ReadonlySet<string> = new Set([
  '전',
  '현',
  '前',
  '신임',
  '수석',
  '선임',
  '책임',
  '담당',
  '주무',
  '대표',
  '상임',
  '비상임',
  '명예',
  '초대',
])

/** Department endings: "홍길동 인사과장" names a person whose rank is qualified by a unit. */
export const departmentEndings: readonly string[] = [
  '과',
  '부',
  '팀',
  '실',
  '국',
  '처',
  '청',
  '본부',
  '센터',
  '그룹',
  '파트',
  '사업부',
  '연구소',
]

/** True when `rest` starts with a copula (입니다, 이에요, 예요, 이고, 라고): "저는 김민수입니다". */
export function startsWithCopula(rest: string): boolean {
  return /^(?:입니|이에|예요|이고|이며|이다|이라|라고|이었|였)/.test(rest)
}

// What may follow a name, honorific or rank inside the same word: particles, copulas and 님.
const tails = [
  '님',
  '께서',
  '께',
  '에게',
  '한테',
  '은',
  '는',
  '이',
  '가',
  '을',
  '를',
  '의',
  '에',
  '와',
  '과',
  '도',
  '만',
  '으로',
  '로',
  '랑',
  '하고',
  '까지',
  '부터',
  '처럼',
  '보다',
  '입니',
  '이다',
  '이고',
  '이며',
  '이에',
  '이었',
  '이셨',
  '이시',
  '이세',
  '인데',
  '인',
  '였',
  '예요',
  '요',
  '야',
  '아',
  '라고',
  '이라',
  '이나',
  '나',
  '다',
  '께',
]

const tailsByFirstUnit = new Map<number, string[]>()
for (const tail of tails) {
  const list = tailsByFirstUnit.get(tail.charCodeAt(0)) ?? []
  tailsByFirstUnit.set(tail.charCodeAt(0), [...list, tail])
}

/** True when `text` at `at` (after a name or rank within one word) starts with a particle or copula. */
export function startsWithTailAt(text: string, at: number): boolean {
  const candidates = tailsByFirstUnit.get(text.charCodeAt(at))
  if (candidates === undefined) return false
  for (const tail of candidates) if (tail.length === 1 || text.startsWith(tail, at)) return true
  return false
}

/** True when `rest` (text after a name or rank within one word) starts with a particle or copula. */
export function startsWithTail(rest: string): boolean {
  return startsWithTailAt(rest, 0)
}
