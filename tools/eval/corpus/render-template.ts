import type { EntityType } from '../../../src/core/detection/entity-type.ts'
import { particle } from './decorate.ts'
import type { Rng } from './prng.ts'
import type { Slot } from './slots.ts'

/** A labelled span: UTF-16 offsets into the sample text, end exclusive. */
export interface GoldSpan {
  readonly type: EntityType
  readonly start: number
  readonly end: number
}

/** Rendered text with the spans of its labelled slots. */
export interface Rendered {
  readonly text: string
  readonly spans: GoldSpan[]
}

const token = /\{\{(~?\w+)\}\}/g

/**
 * Fills `template`: `{{slot}}` expands through `slots`, `{{~ro}}` (and ~eun, ~i, ~eul, ~wa) becomes the
 * particle form that agrees with the character before it. Throws on an unknown slot, so a typo in a
 * template fails the generator instead of silently producing unlabelled text.
 */
export function renderTemplate(template: string, rng: Rng, slots: Readonly<Record<string, Slot>>): Rendered {
  let text = ''
  const spans: GoldSpan[] = []
  let last = 0
  for (const m of template.matchAll(token)) {
    text += template.slice(last, m.index)
    last = m.index + m[0].length
    const name = m[1] as string
    if (name.startsWith('~')) {
      text += particle(name.slice(1), text.at(-1) ?? '')
      continue
    }
    const slot = slots[name]
    if (!slot) throw new Error(`unknown slot {{${name}}} in template: ${template}`)
    for (const piece of slot(rng)) {
      if (piece.type)
        spans.push({ type: piece.type, start: text.length, end: text.length + piece.text.length })
      text += piece.text
    }
  }
  text += template.slice(last)
  return { text, spans }
}
