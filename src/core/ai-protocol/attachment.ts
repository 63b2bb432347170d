import type { JsonPath } from './json-path.ts'

/**
 * A file sent inline (base64) that is not a text file this layer can decode: a PDF, an Office or
 * Hangul document, a text file in a legacy encoding. The gateway extracts its text before deciding;
 * it cannot be rewritten in place, so a decision to change its content has to refuse the request.
 */
export interface Attachment {
  /** Where the data lives in the body (`file_data` or `source.data`); a data URL there keeps its header. */
  readonly path: JsonPath
  /** The file name the client gave (OpenAI `filename`), if any. */
  readonly fileName?: string
  /** The media type the data URL or an Anthropic `media_type` declares, lower-cased, if any. */
  readonly mediaType?: string
  /** The file's bytes in base64, exactly as sent (not yet checked: the reader decodes it strictly). */
  readonly base64: string
}
