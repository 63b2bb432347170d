import { decodeText } from './decode-text.ts'
import { detectFormat, isCompoundFile, isEncryptedOoxml } from './detect-format.ts'
import { DocumentError } from './document-error.ts'
import { extractCsv } from './extract-csv.ts'
import { extractDocx } from './extract-docx.ts'
import { extractHwp } from './extract-hwp.ts'
import { extractHwpx } from './extract-hwpx.ts'
import { extractJson } from './extract-json.ts'
import { type ExtractLimits, resolveExtractLimits } from './extract-limits.ts'
import { extractPdf } from './extract-pdf.ts'
import { extractPlainText } from './extract-plain-text.ts'
import { extractPptx } from './extract-pptx.ts'
import { extractXlsx } from './extract-xlsx.ts'
import type { DocumentFormat, DocumentSegment, ExtractedDocument } from './extracted-document.ts'
import { openZip } from './read-zip.ts'

export { detectFormat } from './detect-format.ts'
export { DocumentError, type DocumentErrorCode } from './document-error.ts'
export { defaultExtractLimits, type ExtractLimits } from './extract-limits.ts'
export type {
  DocumentFormat,
  DocumentLocation,
  DocumentSegment,
  ExtractedDocument,
} from './extracted-document.ts'

/** How to read one document; an explicit format skips detection. */
export interface ExtractOptions {
  readonly fileName?: string
  readonly format?: DocumentFormat
  readonly limits?: Partial<ExtractLimits>
}

function textOf(bytes: Uint8Array): string {
  const text = decodeText(bytes)
  if (text === undefined) throw new DocumentError('UNSUPPORTED_FORMAT', 'Binary data is not readable as text')
  return text
}

/** Explains, as precisely as the bytes allow, why no format was detected. */
function undetected(bytes: Uint8Array, limits: ExtractLimits): DocumentError {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    // Opening the archive surfaces damage, encryption or limits ahead of the generic answer.
    openZip(bytes, limits)
    return new DocumentError('UNSUPPORTED_FORMAT', 'ZIP archive is not a DOCX, XLSX, PPTX or HWPX document')
  }
  if (isEncryptedOoxml(bytes))
    return new DocumentError('ENCRYPTED_DOCUMENT', 'Office document is password-protected')
  if (isCompoundFile(bytes)) {
    return new DocumentError(
      'UNSUPPORTED_FORMAT',
      'Legacy OLE documents (.doc, .xls, .ppt) are not supported',
    )
  }
  return new DocumentError('UNSUPPORTED_FORMAT', 'Unrecognised binary data')
}

async function extractAs(
  format: DocumentFormat,
  bytes: Uint8Array,
  limits: ExtractLimits,
): Promise<DocumentSegment[]> {
  switch (format) {
    case 'text':
      return extractPlainText(textOf(bytes))
    case 'json':
      return extractJson(textOf(bytes))
    case 'csv':
      return extractCsv(textOf(bytes))
    case 'pdf':
      return extractPdf(bytes)
    case 'hwp':
      return extractHwp(bytes, limits)
    case 'hwpx':
      return extractHwpx(openZip(bytes, limits))
    case 'docx':
    case 'xlsx':
    case 'pptx': {
      if (isEncryptedOoxml(bytes))
        throw new DocumentError('ENCRYPTED_DOCUMENT', 'Office document is password-protected')
      const zip = openZip(bytes, limits)
      if (format === 'docx') return extractDocx(zip)
      return format === 'xlsx' ? extractXlsx(zip) : extractPptx(zip)
    }
  }
}

/**
 * Extracts located text segments from a document, detecting its format unless told; throws
 * DocumentError for unsupported, broken, encrypted or over-limit input.
 */
export async function extractDocument(
  bytes: Uint8Array,
  options: ExtractOptions = {},
): Promise<ExtractedDocument> {
  const limits = resolveExtractLimits(options.limits)
  if (bytes.length > limits.maxInputBytes) {
    throw new DocumentError(
      'LIMIT_EXCEEDED',
      `Input is ${bytes.length} bytes (limit ${limits.maxInputBytes})`,
    )
  }
  const format = options.format ?? detectFormat(bytes, options.fileName)
  if (format === undefined) throw undetected(bytes, limits)
  return { format, segments: await extractAs(format, bytes, limits) }
}
