import { decodeText } from './decode-text.ts'
import { defaultExtractLimits } from './extract-limits.ts'
import type { DocumentFormat } from './extracted-document.ts'
import { openZip } from './read-zip.ts'

const extensions: Readonly<Record<string, DocumentFormat>> = {
  txt: 'text',
  text: 'text',
  log: 'text',
  md: 'text',
  json: 'json',
  csv: 'csv',
  tsv: 'csv',
  pdf: 'pdf',
  docx: 'docx',
  docm: 'docx',
  xlsx: 'xlsx',
  xlsm: 'xlsx',
  pptx: 'pptx',
  pptm: 'pptx',
  hwpx: 'hwpx',
  hwp: 'hwp',
}

const oleMagic = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte)
}

function contains(bytes: Uint8Array, needle: Uint8Array, limit = bytes.length): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(limit, bytes.length)).indexOf(needle) !== -1
}

const pdfHeader = Buffer.from('%PDF-', 'latin1')
const hwpSignature = Buffer.from('HWP Document File', 'latin1')
const hwpxMimetype = Buffer.from('application/hwp+zip', 'latin1')
const encryptedPackage = Buffer.from('EncryptedPackage', 'utf16le')

/** Whether the bytes are an OLE compound file (HWP 5, legacy Office, or an encrypted OOXML wrapper). */
export function isCompoundFile(bytes: Uint8Array): boolean {
  return startsWith(bytes, oleMagic)
}

/** Whether the bytes are a password-protected OOXML document, which Office wraps in an OLE compound file. */
export function isEncryptedOoxml(bytes: Uint8Array): boolean {
  return isCompoundFile(bytes) && contains(bytes, encryptedPackage)
}

function zipFormat(bytes: Uint8Array): DocumentFormat | undefined {
  let names: string[]
  try {
    names = openZip(bytes, defaultExtractLimits).names.map((name) => name.toLowerCase())
  } catch {
    return undefined
  }
  // HWPX stores its mimetype uncompressed as the first entry, so the string sits near the start.
  if (contains(bytes, hwpxMimetype, 128) || names.includes('contents/content.hpf')) return 'hwpx'
  if (!names.includes('[content_types].xml')) return undefined
  if (names.some((name) => name.startsWith('word/'))) return 'docx'
  if (names.some((name) => name.startsWith('xl/'))) return 'xlsx'
  if (names.some((name) => name.startsWith('ppt/'))) return 'pptx'
  return undefined
}

function extensionFormat(fileName: string | undefined): DocumentFormat | undefined {
  const match = /\.([A-Za-z0-9]+)$/.exec(fileName ?? '')
  return match?.[1] === undefined ? undefined : extensions[match[1].toLowerCase()]
}

function looksLikeJson(text: string): boolean {
  const start = text.trimStart()[0]
  if (start !== '{' && start !== '[') return false
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

/**
 * Works out a document's format from its magic bytes first, then its file extension, and finally
 * whether it decodes as text; returns undefined for binary data it cannot read.
 */
export function detectFormat(bytes: Uint8Array, fileName?: string): DocumentFormat | undefined {
  // PDF readers accept the header anywhere in the first kilobyte.
  if (contains(bytes, pdfHeader, 1024)) return 'pdf'
  const byExtension = extensionFormat(fileName)
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    return (
      zipFormat(bytes) ??
      (byExtension === 'docx' || byExtension === 'xlsx' || byExtension === 'pptx' || byExtension === 'hwpx'
        ? byExtension
        : undefined)
    )
  }
  if (isCompoundFile(bytes)) {
    if (contains(bytes, hwpSignature)) return 'hwp'
    const officeExtension = byExtension === 'docx' || byExtension === 'xlsx' || byExtension === 'pptx'
    return officeExtension && isEncryptedOoxml(bytes) ? byExtension : undefined
  }
  if (byExtension !== undefined) return byExtension
  const text = decodeText(bytes)
  if (text === undefined) return undefined
  return looksLikeJson(text) ? 'json' : 'text'
}
