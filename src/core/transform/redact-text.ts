import type { KeyObject } from 'node:crypto'
import type { Finding } from '../detection/finding.ts'
import { assertNever } from '../shared/assert-never.ts'
import { applyReplacements, type TransformResult } from './apply-replacements.ts'
import { keyedHash } from './keyed-hash.ts'
import { type MaskOptions, maskValue } from './mask-value.ts'
import type { Pseudonymizer } from './pseudonymizer.ts'

/** The one-way and reversible transformations a finding's span can undergo. */
export type RedactionMode =
  | { readonly kind: 'mask'; readonly options?: MaskOptions }
  | { readonly kind: 'tag' }
  | { readonly kind: 'hash'; readonly key: string | Uint8Array | KeyObject }
  | { readonly kind: 'pseudonymise'; readonly pseudonymizer: Pseudonymizer }

/** The names of the redaction modes, as the CLI and API spell them. */
export const redactionModeNames = ['mask', 'tag', 'hash', 'pseudonymise'] as const

/** Applies `mode` to every finding's span of `text`. */
export function redactText(text: string, findings: readonly Finding[], mode: RedactionMode): TransformResult {
  switch (mode.kind) {
    case 'mask':
      return applyReplacements(text, findings, (_f, value) => maskValue(value, mode.options))
    case 'tag':
      return applyReplacements(text, findings, (f) => `<${f.type}>`)
    case 'hash':
      return applyReplacements(text, findings, (f, value) => `<${f.type}:${keyedHash(value, mode.key)}>`)
    case 'pseudonymise':
      return mode.pseudonymizer.pseudonymise(text, findings)
    default:
      return assertNever(mode)
  }
}
