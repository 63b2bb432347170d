import { z } from 'zod'
import { redactionModeNames } from '../../core/transform/redact-text.ts'

const maxTexts = 1000

const selection = {
  types: z.array(z.string()).max(64).optional(),
  min_score: z.number().min(0).max(1).optional(),
}

const oneOfTextOrTexts = (v: { text?: string | undefined; texts?: string[] | undefined }): boolean =>
  (v.text === undefined) !== (v.texts === undefined)
const textOrTextsMessage = {
  message: 'give exactly one of "text" (a string) or "texts" (an array of strings)',
}

/** Body of POST /v1/scan with JSON. */
export const scanRequestSchema = z
  .strictObject({
    text: z.string().optional(),
    texts: z.array(z.string()).max(maxTexts).optional(),
    ...selection,
  })
  .refine(oneOfTextOrTexts, textOrTextsMessage)

/** Body of POST /v1/redact. */
export const redactRequestSchema = z
  .strictObject({
    text: z.string().optional(),
    texts: z.array(z.string()).max(maxTexts).optional(),
    mode: z.enum(redactionModeNames).default('tag'),
    mask: z.strictObject({ keep: z.int().min(0).max(64), char: z.string().length(1) }).optional(),
    pseudonyms: z.strictObject({ tokens: z.record(z.string(), z.string()) }).optional(),
    ...selection,
  })
  .refine(oneOfTextOrTexts, textOrTextsMessage)

/** Body of POST /v1/restore. */
export const restoreRequestSchema = z.strictObject({
  text: z.string(),
  pseudonyms: z.strictObject({ tokens: z.record(z.string(), z.string()) }),
})

/** Formats zod issues as one line: `path: message; …`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length > 0 ? `${i.path.join('.')}: ` : ''}${i.message}`).join('; ')
}
