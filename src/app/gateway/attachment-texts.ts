// Reads the text out of the binary documents a request carries inline (PDF, Office, Hangul), so they
// are inspected like every other part. A document that cannot be read must not leave unread.
import { type Attachment, describePath, type JsonPath } from '../../core/ai-protocol/index.ts'
import { isSluiceError } from '../errors.ts'
import type { DocumentExtractor, DocumentLocation } from '../ports.ts'
import { GatewayError } from './gateway-error.ts'

/** The text extracted from one attachment, in reading order, each piece with where it sits. */
export interface AttachmentText {
  /** The attachment's path in the body (see {@link Attachment.path}). */
  readonly path: JsonPath
  readonly fileName?: string
  /** The format the extractor recognised: 'pdf', 'docx', 'xlsx', 'pptx', 'hwp', 'hwpx', 'text'… */
  readonly format: string
  readonly segments: readonly { readonly text: string; readonly location: DocumentLocation }[]
}

/** Bounds on what is decoded at all; the extractor applies its own limits inside a document. */
export interface AttachmentLimits {
  /** The largest decoded size of one attachment, in bytes. */
  readonly maxBytes: number
}

// Standard base64 alphabet; padding only at the end. Whitespace is not accepted: the providers do not
// accept it either, and a lenient decoder would silently skip what it does not understand.
const base64Shape = /^[A-Za-z0-9+/]*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

// When the client gave no file name (Anthropic documents carry only a media type), the media type
// stands in for it: the extractor uses a name's extension as a hint after the magic bytes.
const extensionOfMediaType: Readonly<Record<string, string>> = {
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'application/x-hwp': 'hwp',
  'application/haansofthwp': 'hwp',
  'application/vnd.hancom.hwp': 'hwp',
  'application/hwp+zip': 'hwpx',
  'application/vnd.hancom.hwpx': 'hwpx',
  'text/plain': 'txt',
  'text/markdown': 'md',
  'text/csv': 'csv',
  'application/json': 'json',
}

/**
 * Decodes each attachment's base64 and extracts its text with `extractor`, one document at a time
 * (so memory holds one decoded document, not all of them). Throws GatewayError INSPECTION_FAILED
 * (rule `inspection-failed`), naming the file and the reason, when the base64 is invalid, a document
 * is larger than `limits.maxBytes`, or the extractor refuses it (unsupported, broken, encrypted, over
 * its limits): the request must not leave with a document nobody could read. Other errors (faults
 * in the extractor itself) are rethrown as they are.
 */
export async function extractAttachmentTexts(
  extractor: DocumentExtractor,
  attachments: readonly Attachment[],
  limits: AttachmentLimits,
): Promise<readonly AttachmentText[]> {
  const texts: AttachmentText[] = []
  for (const attachment of attachments) {
    const bytes = decodeAttachment(attachment, limits)
    let extracted: Awaited<ReturnType<DocumentExtractor['extract']>>
    try {
      extracted = await extractor.extract(bytes, attachment.fileName ?? nameFromMediaType(attachment))
    } catch (error) {
      if (!isSluiceError(error)) throw error
      throw unreadable(attachment, `${error.message} (${error.code})`, error)
    }
    texts.push({
      path: attachment.path,
      ...(attachment.fileName === undefined ? {} : { fileName: attachment.fileName }),
      format: extracted.format,
      segments: extracted.segments,
    })
  }
  return texts
}

function decodeAttachment(attachment: Attachment, limits: AttachmentLimits): Uint8Array {
  const data = attachment.base64
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0
  // Unpadded base64 is accepted (some encoders omit it), but never a length no encoder produces.
  const badLength = padding > 0 ? data.length % 4 !== 0 : data.length % 4 === 1
  if (badLength || !base64Shape.test(data)) throw unreadable(attachment, 'its data is not valid base64')
  const size = Math.floor((data.length * 3) / 4) - padding
  // Checked before decoding, so an oversized document is never held in memory twice.
  if (size > limits.maxBytes) {
    throw unreadable(
      attachment,
      `it is ${size} bytes, over the ${limits.maxBytes}-byte limit for attachments`,
    )
  }
  const decoded = Buffer.from(data, 'base64')
  // A plain Uint8Array, not a Buffer: the PDF reader refuses Buffers. Large decodes own their memory
  // and are viewed in place; small ones may sit in Node's shared pool, so they are copied out.
  return decoded.byteOffset === 0 && decoded.byteLength === decoded.buffer.byteLength
    ? new Uint8Array(decoded.buffer, 0, decoded.byteLength)
    : new Uint8Array(decoded)
}

function nameFromMediaType(attachment: Attachment): string | undefined {
  const mediaType = attachment.mediaType?.split(';')[0]?.trim()
  const extension = mediaType === undefined ? undefined : extensionOfMediaType[mediaType]
  return extension === undefined ? undefined : `attachment.${extension}`
}

/** How a message names an attachment: its file name when given, and always its place in the body. */
function describeAttachment(attachment: Attachment): string {
  const what = attachment.fileName === undefined ? 'an attached document' : `'${attachment.fileName}'`
  const type = attachment.mediaType === undefined ? '' : ` (${attachment.mediaType})`
  return `${what}${type} at ${describePath(attachment.path)}`
}

function unreadable(attachment: Attachment, reason: string, cause?: unknown): GatewayError {
  return new GatewayError(
    'INSPECTION_FAILED',
    `${describeAttachment(attachment)} could not be inspected: ${reason}; the request was not sent`,
    { rule: 'inspection-failed', ...(cause === undefined ? {} : { cause }) },
  )
}
