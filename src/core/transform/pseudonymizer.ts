import type { EntityType } from '../detection/entity-type.ts'
import type { Finding } from '../detection/finding.ts'
import { applyReplacements, type TransformResult } from './apply-replacements.ts'

/** The token ↔ original map of one conversation. Serialisable, so a caller can keep it between turns. */
export interface PseudonymTable {
  readonly tokens: Readonly<Record<string, string>>
}

/**
 * Reversible pseudonymisation for one conversation: the same value always gets the same
 * `<TYPE_n>` token, and `restore` puts the originals back into text (e.g. a model's answer).
 */
export interface Pseudonymizer {
  pseudonymise(text: string, findings: readonly Finding[]): TransformResult
  restore(text: string): string
  table(): PseudonymTable
}

const tokenShape = /<([A-Z][A-Z_]*)_(\d+)>/g

/** Creates a pseudonymiser, optionally continuing a conversation from an earlier table. */
export function createPseudonymizer(previous?: PseudonymTable): Pseudonymizer {
  const byToken = new Map<string, string>(Object.entries(previous?.tokens ?? {}))
  const byValue = new Map<string, string>()
  const counters = new Map<string, number>()
  for (const [token, value] of byToken) {
    const m = /^<([A-Z][A-Z_]*)_(\d+)>$/.exec(token)
    if (!m) continue
    byValue.set(keyOf(m[1] as EntityType, value), token)
    counters.set(m[1] as string, Math.max(counters.get(m[1] as string) ?? 0, Number(m[2])))
  }
  const tokenFor = (type: EntityType, value: string, text: string): string => {
    const key = keyOf(type, value)
    const known = byValue.get(key)
    if (known) return known
    let n = counters.get(type) ?? 0
    let token: string
    // A token that already occurs in the text would be restored into a value it never stood for.
    do token = `<${type}_${++n}>`
    while (text.includes(token))
    counters.set(type, n)
    byValue.set(key, token)
    byToken.set(token, value)
    return token
  }
  return {
    pseudonymise: (text, findings) =>
      applyReplacements(text, findings, (f, value) => tokenFor(f.type, value, text)),
    restore: (text) => text.replace(tokenShape, (token) => byToken.get(token) ?? token),
    table: () => ({ tokens: Object.fromEntries(byToken) }),
  }
}

function keyOf(type: string, value: string): string {
  return `${type}\u0000${value}`
}
