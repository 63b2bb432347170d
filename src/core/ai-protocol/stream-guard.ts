import type { Finding } from '../detection/finding.ts'
import { applyEdits, type GuardEdit, trailingTokenStart } from './guard-edits.ts'

/** A transform's refusal: the answer must not reach the client. */
export interface GuardBlocked {
  readonly blocked: true
  readonly reason: string
  readonly rule?: string
  readonly code?: string
}

/**
 * What a transform makes of a window of text. `edits` (in window offsets) lets the guard release
 * everything before the last place a finding or token could still change; without `edits`, a window
 * the transform changed is held whole until the channel ends (correct, but no longer live).
 */
export type GuardVerdict = { readonly text: string; readonly edits?: readonly GuardEdit[] } | GuardBlocked

/** Options of {@link createStreamGuard}. */
export interface StreamGuardOptions {
  /**
   * Scans `window` and restores/redacts it. The first `context` characters were already released and
   * are given only as left context (a detector may need the words before an identifier); edits inside
   * them are ignored. `final` is true once no more text will follow.
   */
  transform(window: string, final: boolean, context: number): GuardVerdict
  /** Characters kept back from the end of the window so an identifier is seen whole before any of it leaves. */
  readonly holdback: number
  /** Length of the longest pseudonym token; a trailing `<PER…` shorter than this is held. */
  readonly maxTokenLength: number
}

/** Text a guard lets go now, and the findings inside it (offsets in the channel's whole input). */
export interface GuardRelease {
  readonly text: string
  readonly findings: readonly Finding[]
}

/** One text channel's gatekeeper: deltas in, releasable text out. */
export interface StreamGuard {
  /** Adds `delta`; with `final`, flushes everything. Once blocked, every later call returns the block. */
  push(delta: string, final?: boolean): GuardRelease | GuardBlocked
  /** True after a final push or a block. */
  readonly closed: boolean
}

const nothing: GuardRelease = { text: '', findings: [] }

/**
 * Creates the guard of one text channel (one choice's content, one tool call's arguments, one content
 * block). It never reorders or duplicates: the released pieces, joined, equal the transform of the
 * joined input, provided the transform is local (a finding depends on at most `holdback` characters
 * on either side). It releases only up to a cut that (a) leaves `holdback` characters behind, (b) is
 * before a trailing piece that may still become a token, (c) does not cross or precede an edit that
 * reaches the window end, and (d) does not split a surrogate pair.
 */
export function createStreamGuard(options: StreamGuardOptions): StreamGuard {
  const holdback = Math.max(0, Math.floor(options.holdback))
  let context = '' // released input kept as left context, at most `holdback` long
  let pending = '' // input not yet released
  let offset = 0 // position of `pending` in the channel's whole input
  let stop: GuardBlocked | undefined
  let ended = false

  const commit = (cut: number, edits: readonly GuardEdit[], shift: number): GuardRelease => {
    const own = edits.filter((e) => e.end <= cut)
    const text = applyEdits(pending.slice(0, cut), own)
    const findings = own.flatMap((e) =>
      e.finding === undefined
        ? []
        : [{ ...e.finding, start: e.finding.start + shift, end: e.finding.end + shift }],
    )
    const seen = context + pending.slice(0, cut)
    context = holdback === 0 ? '' : seen.slice(Math.max(0, seen.length - holdback))
    offset += cut
    pending = pending.slice(cut)
    return { text, findings }
  }

  const guard: StreamGuard = {
    get closed() {
      return ended || stop !== undefined
    },
    push(delta, final = false) {
      if (stop !== undefined) return stop
      if (ended) {
        if (delta === '') return nothing
        stop = { blocked: true, reason: 'text arrived after its stream part had ended' }
        return stop
      }
      pending += delta
      if (final) ended = true
      else if (pending.length <= holdback) return nothing
      if (pending === '') return nothing
      const window = context + pending
      const verdict = options.transform(window, final, context.length)
      if ('blocked' in verdict) {
        stop = verdict
        return stop
      }
      const ctx = context.length
      // Findings are reported in the channel's whole-input offsets: window offset - ctx + offset.
      const shift = offset - ctx
      if (verdict.edits === undefined) {
        if (verdict.text === window)
          return final ? commit(pending.length, [], shift) : commit(safeCut([]), [], shift)
        if (!final) return nothing
        // Changed, no edits, final: cut the released context off the output; if the transform changed
        // the context itself, run it once more on the unreleased text alone.
        let text = verdict.text.slice(ctx)
        if (!verdict.text.startsWith(context)) {
          const alone = options.transform(pending, true, 0)
          if ('blocked' in alone) {
            stop = alone
            return stop
          }
          text = alone.edits === undefined ? alone.text : applyEdits(pending, inPending(alone.edits, 0))
        }
        commit(pending.length, [], shift)
        return { text, findings: [] }
      }
      const edits = inPending(verdict.edits, ctx)
      return commit(final ? pending.length : safeCut(edits), edits, shift)
    },
  }

  const safeCut = (edits: readonly GuardEdit[]): number => {
    let cut = pending.length - holdback
    const token = trailingTokenStart(pending, options.maxTokenLength)
    if (token >= 0) cut = Math.min(cut, token)
    if (cut > 0 && cut < pending.length && isHighSurrogate(pending.charCodeAt(cut - 1))) cut--
    for (let i = edits.length - 1; i >= 0; i--) {
      const e = edits[i] as GuardEdit
      if (e.start < cut && (e.end > cut || e.end >= pending.length)) cut = e.start
    }
    return Math.max(0, cut)
  }

  return guard
}

// Edits in pending offsets: those wholly inside the released context are dropped; one that starts in
// the context (a finding longer than the holdback) is clipped to the pending side, keeping its text.
function inPending(edits: readonly GuardEdit[], ctx: number): GuardEdit[] {
  const out: GuardEdit[] = []
  let cursor = 0
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    if (e.end <= ctx && !(e.start === e.end && e.start === ctx)) continue
    const start = Math.max(e.start, ctx) - ctx
    const end = e.end - ctx
    if (start < cursor) continue
    out.push({ ...e, start, end })
    cursor = end
  }
  return out
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}
