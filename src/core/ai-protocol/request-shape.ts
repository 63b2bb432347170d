import { z } from 'zod'
import { describePath } from './json-path.ts'
import { ProtocolError } from './protocol-error.ts'
import type { AiApi } from './text-part.ts'

// Only what every walker relies on is checked here; the walkers check each nested field as they
// reach it. Unknown fields pass, so newer API options do not break the gateway.
const model = z.string().min(1, 'must be a non-empty string')
const stream = z.boolean().nullish()

const chatShape = z.looseObject({
  model,
  stream,
  messages: z.array(
    z.looseObject({ role: z.enum(['system', 'developer', 'user', 'assistant', 'tool', 'function']) }),
  ),
})
const responsesShape = z.looseObject({
  model,
  stream,
  instructions: z.string().nullish(),
  input: z.union([z.string(), z.array(z.unknown())]).nullish(),
})
const embeddingsShape = z.looseObject({
  model,
  input: z.union([z.string(), z.array(z.string()), z.array(z.number()), z.array(z.array(z.number()))]),
})
const messagesShape = z.looseObject({
  model,
  stream,
  system: z.union([z.string(), z.array(z.unknown())]).nullish(),
  messages: z.array(z.looseObject({ role: z.enum(['user', 'assistant']) })),
})

const shapes = {
  chat: chatShape,
  responses: responsesShape,
  embeddings: embeddingsShape,
  messages: messagesShape,
}

/** Checks the top-level shape of a request body; throws {@link ProtocolError} naming the first bad field. */
export function checkRequestShape(api: AiApi, body: unknown): { model: string; stream: boolean } {
  const result = shapes[api].safeParse(body)
  if (!result.success) {
    const issue = result.error.issues[0]
    const path = (issue?.path ?? []).filter((s): s is string | number => typeof s !== 'symbol')
    const message =
      issue?.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue?.message
    throw new ProtocolError(describePath(path), `${message ?? 'is malformed'} (${api} request)`)
  }
  const data = result.data as { model: string; stream?: boolean | null }
  return { model: data.model, stream: data.stream === true }
}
