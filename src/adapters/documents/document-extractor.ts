import { SluiceError } from '../../app/errors.ts'
import type { DocumentExtractor } from '../../app/ports.ts'
import { decodeText } from './decode-text.ts'
import { detectFormat } from './detect-format.ts'
import { DocumentError } from './document-error.ts'
import { extractDocument } from './extract-document.ts'
import type { ExtractLimits } from './extract-limits.ts'

function toSluiceError(error: unknown): unknown {
  return error instanceof DocumentError ? new SluiceError(error.code, error.message, { cause: error }) : error
}

/** Adapts the document extractors to the app's DocumentExtractor port, turning DocumentError into SluiceError. */
export function createDocumentExtractor(limits: Partial<ExtractLimits> = {}): DocumentExtractor {
  return {
    detectFormat(bytes, fileName) {
      const format = detectFormat(bytes, fileName)
      if (format === undefined) throw new SluiceError('UNSUPPORTED_FORMAT', 'Unrecognised document format')
      return format
    },
    decodeText(bytes) {
      const text = decodeText(bytes)
      if (text === undefined)
        throw new SluiceError('UNSUPPORTED_FORMAT', 'not a text file (UTF-8, UTF-16 or CP949)')
      return text
    },
    async extract(bytes, fileName) {
      try {
        return await extractDocument(bytes, fileName === undefined ? { limits } : { fileName, limits })
      } catch (error) {
        throw toSluiceError(error)
      }
    },
  }
}
