import { readFile } from 'node:fs/promises'
import { getDocumentProxy } from 'unpdf'
import { DocumentError } from './document-error.ts'
import type { DocumentSegment } from './extracted-document.ts'

// Predefined CMaps (Korean UniKS-UCS2-H, KSCms-UHC-H, ...) and standard fonts ship with pdfjs-dist; without
// them PDF.js silently drops the text of CID fonts that use them, which would let that text skip the scan.
const pdfjsRoot = new URL('./', import.meta.resolve('pdfjs-dist/package.json'))
const resourceFolders: Readonly<Record<string, URL>> = {
  cMapUrl: new URL('cmaps/', pdfjsRoot),
  standardFontDataUrl: new URL('standard_fonts/', pdfjsRoot),
}

/** Serves PDF.js resource files from disk; the serverless build can only fetch over HTTP. */
class DiskBinaryDataFactory {
  async fetch({ kind, filename }: { kind: string; filename: string }): Promise<Uint8Array> {
    const folder = resourceFolders[kind]
    if (folder === undefined || filename.includes('/') || filename.includes('\\')) {
      throw new Error(`No PDF.js resource ${kind}/${filename}`)
    }
    return new Uint8Array(await readFile(new URL(filename, folder)))
  }
}

function translate(error: unknown): DocumentError {
  const name = (error as { name?: unknown }).name
  if (name === 'PasswordException') {
    return new DocumentError('ENCRYPTED_DOCUMENT', 'PDF is password-protected', { cause: error })
  }
  const detail = error instanceof Error ? error.message : String(error)
  return new DocumentError('BROKEN_DOCUMENT', `Damaged PDF: ${detail.split('\n')[0]}`, { cause: error })
}

/** Extracts PDF text with one segment per page; lines end where PDF.js reports an end of line. */
export async function extractPdf(bytes: Uint8Array): Promise<DocumentSegment[]> {
  let document: Awaited<ReturnType<typeof getDocumentProxy>>
  try {
    // PDF.js detaches the buffer it is given, so it gets a copy — a plain Uint8Array: it refuses a
    // Node Buffer (and Buffer#slice would be a view, not a copy).
    document = await getDocumentProxy(new Uint8Array(bytes), {
      verbosity: 0,
      useWorkerFetch: false,
      cMapPacked: true,
      BinaryDataFactory: DiskBinaryDataFactory,
    })
  } catch (error) {
    throw translate(error)
  }
  try {
    const segments: DocumentSegment[] = []
    for (let page = 1; page <= document.numPages; page++) {
      const content = await (await document.getPage(page)).getTextContent()
      let text = ''
      for (const item of content.items) {
        if ('str' in item) text += item.str + (item.hasEOL ? '\n' : '')
      }
      if (text.trim() !== '') segments.push({ text, location: { page } })
    }
    return segments
  } catch (error) {
    throw translate(error)
  } finally {
    await document.loadingTask.destroy()
  }
}
