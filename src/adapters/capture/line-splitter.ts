// Text files read line by line from chunks, with a bound on the length of one line.
import type { ChunkParser } from './packet.ts'

/** Longest line kept (1 MiB): a longer one is reported and skipped. */
const maxLine = 1 << 20

/** A chunk parser that hands complete lines (without the line break) and their 1-based numbers to `line`. */
export function createLineSplitter(
  line: (text: string, lineNo: number) => void,
  tooLong: (lineNo: number) => void,
): ChunkParser {
  const decoder = new TextDecoder('utf-8')
  let carry = ''
  let lineNo = 0
  let skipping = false
  const take = (text: string, final: boolean): void => {
    let start = 0
    // Bounded by text.length: every turn moves start past a line break.
    for (;;) {
      const nl = text.indexOf('\n', start)
      if (nl < 0) break
      lineNo++
      const piece = text.slice(start, nl)
      if (skipping) skipping = false
      else line((carry + piece).replace(/\r$/, ''), lineNo)
      carry = ''
      start = nl + 1
    }
    const rest = text.slice(start)
    if (skipping) return
    if (carry.length + rest.length > maxLine) {
      tooLong(lineNo + 1)
      carry = ''
      skipping = true
      return
    }
    carry += rest
    if (final && carry !== '') {
      lineNo++
      line(carry.replace(/\r$/, ''), lineNo)
      carry = ''
    }
  }
  return {
    push(chunk) {
      take(decoder.decode(chunk, { stream: true }), false)
    },
    end() {
      take(decoder.decode(), true)
    },
  }
}
