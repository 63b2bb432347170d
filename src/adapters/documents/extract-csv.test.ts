import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { extractCsv } from './extract-csv.ts'

const cases: readonly [string, string, readonly [string, number, number][]][] = [
  [
    'commas and CRLF',
    'a,b\r\nc,d',
    [
      ['a', 1, 1],
      ['b', 1, 2],
      ['c', 2, 1],
      ['d', 2, 2],
    ],
  ],
  [
    'quoted delimiter, doubled quote, line break',
    '"x,y","say ""hi""","1\n2"',
    [
      ['x,y', 1, 1],
      ['say "hi"', 1, 2],
      ['1\n2', 1, 3],
    ],
  ],
  [
    'empty cells keep column numbers',
    ',,z\n\nq',
    [
      ['z', 1, 3],
      ['q', 3, 1],
    ],
  ],
  [
    'tab-separated',
    '이름\t전화\n홍길동\t010-1234-5678\n',
    [
      ['이름', 1, 1],
      ['전화', 1, 2],
      ['홍길동', 2, 1],
      ['010-1234-5678', 2, 2],
    ],
  ],
  [
    'semicolon-separated',
    'a;b;c',
    [
      ['a', 1, 1],
      ['b', 1, 2],
      ['c', 1, 3],
    ],
  ],
  [
    'an unterminated quote runs to the end',
    'a,"open\nrest',
    [
      ['a', 1, 1],
      ['open\nrest', 1, 2],
    ],
  ],
]

describe('extractCsv', () => {
  for (const [name, input, expected] of cases) {
    it(name, () => {
      const cells = extractCsv(input).map((segment) => [
        segment.text,
        segment.location.row,
        segment.location.column,
      ])
      assert.deepEqual(cells, expected)
    })
  }
})
