import type { IncomingMessage } from 'node:http'
import { SluiceError } from '../../app/errors.ts'

/** Reads a request body into memory, refusing (and draining no further than) `limit` bytes. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit)
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit) throw tooLarge(limit)
    chunks.push(chunk)
  }
  return Buffer.concat(chunks, size)
}

function tooLarge(limit: number): SluiceError {
  return new SluiceError('BODY_TOO_LARGE', `request body exceeds the limit of ${limit} bytes`)
}

/** Parses a JSON body strictly: valid UTF-8 JSON whose top level is an object. */
export function parseJsonObject(body: Buffer): Record<string, unknown> {
  let value: unknown
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body))
  } catch (error) {
    throw new SluiceError('INVALID_JSON', `body is not valid JSON: ${(error as Error).message}`)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SluiceError('INVALID_JSON', 'body must be a JSON object')
  }
  return value as Record<string, unknown>
}
