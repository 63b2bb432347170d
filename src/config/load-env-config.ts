import { z } from 'zod'

const envSchema = z.object({
  SLUICE_HOST: z.string().min(1).default('127.0.0.1'),
  SLUICE_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  SLUICE_DATA_DIR: z.string().min(1).default('./data'),
  SLUICE_MIN_SCORE: z.coerce.number().min(0).max(1).optional(),
  SLUICE_HASH_KEY: z.string().min(16, 'SLUICE_HASH_KEY must be at least 16 characters').optional(),
  SLUICE_FINGERPRINT_KEY: z
    .string()
    .min(16, 'SLUICE_FINGERPRINT_KEY must be at least 16 characters')
    .optional(),
})

/** Settings read from the environment, validated once and frozen. */
export type EnvConfig = Readonly<z.infer<typeof envSchema>>

/** Reads SLUICE_* variables; an invalid one is an error naming the variable. */
export function loadEnvConfig(env: Readonly<Record<string, string | undefined>>): EnvConfig {
  const parsed = envSchema.safeParse(env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
    throw new Error(`invalid environment: ${problems}`)
  }
  return Object.freeze(parsed.data)
}
