// The built-in policy presets are YAML data files beside this module, read once on first use.
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { formatIssues } from '../core/policy/format-issues.ts'
import { type PresetFile, presetFileSchema } from '../core/policy/policy-schema.ts'
import { ConfigError } from './config-error.ts'

/** Names of the built-in presets, usable as `tenants.<id>.policy.preset`. */
export const presetIds = ['kr-ministry', 'kr-enterprise'] as const

/** One of {@link presetIds}. */
export type PresetId = (typeof presetIds)[number]

const cache = new Map<PresetId, PresetFile>()

/** The file a preset is read from. */
export function presetPath(id: PresetId): string {
  return new URL(`./presets/${id}.yaml`, import.meta.url).pathname
}

/** Loads and validates a built-in preset. A broken preset file is a ConfigError naming it. */
export function loadPreset(id: PresetId): PresetFile {
  const cached = cache.get(id)
  if (cached) return cached
  const preset = parsePresetText(readFileSync(presetPath(id), 'utf8'), `preset ${id}`)
  cache.set(id, preset)
  return preset
}

/** Parses the text of a preset file (built in or one a user writes in the same shape). */
export function parsePresetText(text: string, source: string): PresetFile {
  let raw: unknown
  try {
    raw = parse(text)
  } catch (error) {
    throw new ConfigError(source, [`YAML: ${(error as Error).message}`])
  }
  const parsed = presetFileSchema.safeParse(raw)
  if (!parsed.success) {
    throw new ConfigError(source, formatIssues(parsed.error.issues))
  }
  return parsed.data
}
