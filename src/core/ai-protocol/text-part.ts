import type { JsonPath } from './json-path.ts'

/** The four request APIs Sluice speaks: OpenAI chat, OpenAI Responses, OpenAI embeddings, Anthropic messages. */
export type AiApi = 'chat' | 'responses' | 'embeddings' | 'messages'

/** Who wrote a text, as the upstream will read it. */
export type PartRole = 'system' | 'developer' | 'user' | 'assistant' | 'tool'

/**
 * What a text is. `reasoning` is a model's earlier thinking or reasoning summary sent back as
 * history; Anthropic signs thinking blocks, so changing one makes the upstream reject the request.
 */
export type PartKind =
  | 'message'
  | 'tool-call-arguments'
  | 'tool-result'
  | 'file-text'
  | 'instructions'
  | 'input'
  | 'reasoning'

/** One text inside a body, with the JSON path where it lives. */
export interface TextPart {
  readonly path: JsonPath
  readonly role: PartRole
  readonly kind: PartKind
  /** The text to inspect. For a decoded file this is the file's text, not its base64. */
  readonly text: string
  /**
   * Set on embeddings input given as token ids (numbers): there is no text to read, `text` is '',
   * and the part cannot be rewritten. The gateway decides by policy (block, or allow unread).
   */
  readonly opaque?: true
}
