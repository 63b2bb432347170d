// Names (§5.1) and 도로명/지번 addresses (§5.2), made up from common parts.
import type { Rng } from './prng.ts'

// Surnames weighted roughly by the 2015 census shares; a few two-syllable ones included.
const surnames: readonly (readonly [string, number])[] = [
  ['김', 215],
  ['이', 147],
  ['박', 84],
  ['최', 47],
  ['정', 44],
  ['강', 23],
  ['조', 21],
  ['윤', 21],
  ['장', 20],
  ['임', 17],
  ['한', 15],
  ['오', 15],
  ['서', 15],
  ['신', 15],
  ['권', 14],
  ['황', 14],
  ['안', 13],
  ['송', 13],
  ['류', 12],
  ['전', 11],
  ['홍', 11],
  ['고', 9],
  ['문', 9],
  ['양', 9],
  ['손', 9],
  ['배', 8],
  ['백', 8],
  ['허', 6],
  ['남궁', 1],
  ['황보', 1],
  ['제갈', 1],
]
const givenSyllables = '민서준지현우수영하윤도연은채예성진호유재승희태경아주원혜빈소정동혁'.split('')

/** A Korean full name written without a space (surname + 1–2 syllables). */
export function koreanName(rng: Rng): string {
  const given = rng.chance(0.9)
    ? `${rng.pick(givenSyllables)}${rng.pick(givenSyllables)}`
    : rng.pick(givenSyllables)
  return `${rng.weighted(surnames)}${given}`
}

const firstNames = [
  'James',
  'Emily',
  'Michael',
  'Sarah',
  'David',
  'Olivia',
  'Daniel',
  'Sophia',
  'Robert',
  'Grace',
  'Thomas',
  'Hannah',
  'William',
  'Laura',
  'Andrew',
  'Rachel',
]
const lastNames = [
  'Smith',
  'Johnson',
  'Clark',
  'Miller',
  'Brown',
  'Wilson',
  'Taylor',
  'Anderson',
  'Harris',
  'Walker',
  'Young',
  'Turner',
  'Parker',
  'Collins',
]
const romanGiven = ['Minsu', 'Jiyoung', 'Seojun', 'Hyunwoo', 'Yuna', 'Jihoon', 'Soyeon', 'Dongha']
const romanSurnames = ['Kim', 'Lee', 'Park', 'Choi', 'Jung', 'Kang', 'Yoon']

/** An English-script name: Western, or a romanised Korean one. */
export function englishName(rng: Rng): string {
  if (rng.chance(0.25)) return `${rng.pick(romanGiven)} ${rng.pick(romanSurnames)}`
  return `${rng.pick(firstNames)} ${rng.pick(lastNames)}`
}

// 시·도 with a few of their 시·군·구, legal 동, and road names.
const regions: readonly (readonly [
  string,
  string,
  readonly string[],
  readonly string[],
  readonly string[],
])[] = [
  [
    '서울특별시',
    '서울',
    ['종로구', '강남구', '마포구', '송파구', '서초구'],
    ['세종대로', '테헤란로', '월드컵북로', '올림픽로', '반포대로', '도산대로'],
    ['역삼동', '삼성동', '서교동', '잠실동'],
  ],
  [
    '부산광역시',
    '부산',
    ['해운대구', '부산진구', '남구'],
    ['해운대로', '중앙대로', '수영로'],
    ['우동', '부전동', '대연동'],
  ],
  [
    '경기도',
    '경기',
    ['성남시 분당구', '수원시 영통구', '고양시 일산동구', '용인시 수지구'],
    ['판교역로', '광교중앙로', '중앙로', '포은대로'],
    ['정자동', '이의동', '장항동'],
  ],
  ['인천광역시', '인천', ['연수구', '남동구'], ['컨벤시아대로', '인하로'], ['송도동', '구월동']],
  ['대전광역시', '대전', ['유성구', '서구'], ['대학로', '둔산로'], ['궁동', '둔산동']],
  ['광주광역시', '광주', ['북구', '동구'], ['용봉로', '충장로'], ['용봉동', '충장로1가']],
  ['세종특별자치시', '세종', [''], ['한누리대로', '도움6로'], ['어진동', '나성동']],
  ['제주특별자치도', '제주', ['제주시', '서귀포시'], ['연북로', '중앙로'], ['연동', '이도이동']],
]

/** A 도로명 address (시도 시군구 도로명 건물번호[, 상세]) or a 지번 address (… 동 번지). */
export function koreanAddress(rng: Rng): string {
  const [full, short, districts, roads, dongs] = rng.pick(regions)
  const sido = rng.chance(0.7) ? full : short
  const district = rng.pick(districts)
  const head = district ? `${sido} ${district}` : sido
  if (rng.chance(0.25)) {
    const lot = rng.chance(0.5) ? `${rng.int(1, 999)}-${rng.int(1, 30)}` : String(rng.int(1, 1500))
    return `${head} ${rng.pick(dongs)} ${lot}${rng.chance(0.4) ? '번지' : ''}`
  }
  let road = rng.pick(roads)
  if (rng.chance(0.3)) road += `${rng.int(1, 40)}${rng.chance(0.5) ? '길' : '번길'}`
  const building = rng.chance(0.2) ? `${rng.int(1, 300)}-${rng.int(1, 20)}` : String(rng.int(1, 600))
  const detail = rng.weighted([
    ['', 4],
    [`, ${rng.int(101, 120)}동 ${rng.int(1, 25)}0${rng.int(1, 4)}호`, 3],
    [`, ${rng.int(2, 20)}층`, 2],
  ] as const)
  return `${head} ${road} ${building}${detail}`
}
