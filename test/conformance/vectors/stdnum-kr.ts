// Transcribed from koblas/stdnum-js (npm `stdnum`), MIT licence: src/kr/rrn.spec.ts at
// 1ec09c92b6312b6ce8ad6306a199fcd03e5dd923 and src/kr/brn.spec.ts at 1b43554011e4b143379e6da059538936cd0e710f.
// A spec's "valid" becomes one finding over the whole text, "invalid" none. stdnum validates foreign
// registration numbers with the RRN formula (research §3.2), so its RRN cases accept either type.
import { casesOf, differs, type VectorFile } from '../conformance-case.ts'
import { bareBrnNeedsLabel } from './presidio-kr-brn.ts'

const rrn = casesOf(['KR_RRN', 'KR_FRN'])
const brn = casesOf(['KR_BRN'])

/** stdnum-js kr/rrn and kr/brn validity vectors. */
export const stdnumKr: VectorFile = {
  name: 'stdnum-js src/kr/rrn.spec.ts + brn.spec.ts',
  source: {
    repo: 'koblas/stdnum-js',
    path: 'src/kr/rrn.spec.ts, src/kr/brn.spec.ts',
    commit: '1ec09c92b6312b6ce8ad6306a199fcd03e5dd923',
    licence: 'MIT',
  },
  cases: [
    rrn('971013-9019902', 1, [[0, 14]]),
    rrn('9710139019902', 1, [[0, 13]]),
    rrn('8501266401473', 1, [[0, 13]]),
    rrn('12345678', 0),
    // G=9 (born 1897): nobody alive holds it, so Sluice, like stdnum, needs the checksum here.
    rrn('971013-9019903', 0),
    brn('116-82-00276', 1, [[0, 12]]),
    differs(brn('1168200276', 1, [[0, 10]]), bareBrnNeedsLabel, 0),
    brn('123456789', 0),
    brn('116-82-00278', 0),
  ],
}
