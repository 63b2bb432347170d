import { z } from 'zod'
import { CatalogError } from './catalog-error.ts'
import {
  type CatalogEntry,
  catalogEntryPatchSchema,
  catalogEntrySchema,
  crossEntryIssues,
  deepFreeze,
  describeIssues,
  entryLabelAt,
} from './catalog-schema.ts'

/** What an operator changes in the built-in catalog (the `catalog` configuration section). */
export interface CatalogChanges {
  /** New services; an id already in the catalog is an error (use `override`). */
  readonly add?: readonly unknown[] | undefined
  /** Patches by id (see `catalogEntryPatchSchema`); an unknown id is an error. */
  readonly override?: Readonly<Record<string, unknown>> | undefined
  /** Ids to drop; an unknown id is an error, so a typo does not silently keep a service. */
  readonly remove?: readonly string[] | undefined
}

/**
 * Applies removals, then overrides, then additions, and validates the result as a whole (ids and domains
 * unique across entries). Every mistake is a {@link CatalogError} naming the section, the id and the field.
 */
export function mergeCatalog(builtin: readonly CatalogEntry[], changes: CatalogChanges): CatalogEntry[] {
  const known = new Set(builtin.map((e) => e.id))
  const removed = new Set<string>()
  for (const id of changes.remove ?? []) {
    if (!known.has(id)) throw new CatalogError(`catalog.remove: no built-in service has the id ${id}`)
    removed.add(id)
  }

  const patches = new Map<string, unknown>()
  for (const [id, patch] of Object.entries(changes.override ?? {})) {
    if (!known.has(id)) throw new CatalogError(`catalog.override.${id}: no built-in service has this id`)
    if (removed.has(id)) throw new CatalogError(`catalog.override.${id}: this service is also removed`)
    const parsed = catalogEntryPatchSchema.safeParse(patch)
    if (!parsed.success)
      throw new CatalogError(
        `invalid catalog override: ${describeIssues(parsed.error.issues, () => ({ consumed: 0, label: `catalog.override.${id}` }))}`,
      )
    patches.set(id, parsed.data)
  }

  const merged: unknown[] = []
  for (const entry of builtin) {
    if (removed.has(entry.id)) continue
    const patch = patches.get(entry.id) as Record<string, unknown> | undefined
    merged.push(patch === undefined ? entry : applyPatch(entry, patch))
  }
  const kept = new Set(merged.map((e) => (e as CatalogEntry).id))
  const added = changes.add ?? []
  added.forEach((entry, index) => {
    const id = typeof entry === 'object' && entry !== null && 'id' in entry ? entry.id : undefined
    if (typeof id === 'string' && kept.has(id))
      throw new CatalogError(
        `catalog.add[${index}] (${id}): a service with this id already exists; use catalog.override to change it`,
      )
  })

  const firstAdded = merged.length
  const all = [...merged, ...added]
  // Label each problem by where the operator wrote it: an override or an added entry.
  const labelOf = (index: number): string => {
    if (index >= firstAdded) return entryLabelAt(added, index - firstAdded, 'catalog.add')
    const id = (all[index] as CatalogEntry).id
    return patches.has(id) ? `catalog.override.${id}` : `built-in ${id}`
  }
  const parsed = z.array(catalogEntrySchema).safeParse(all)
  if (!parsed.success)
    throw new CatalogError(
      `invalid catalog: ${describeIssues(parsed.error.issues, (path) =>
        typeof path[0] === 'number' ? { consumed: 1, label: labelOf(path[0]) } : undefined,
      )}`,
    )
  const problems = crossEntryIssues(parsed.data)
  if (problems.length > 0)
    throw new CatalogError(
      `invalid catalog: ${describeIssues(
        problems.map((p) => ({ path: [p.index, ...p.path], message: p.message })),
        (path) => (typeof path[0] === 'number' ? { consumed: 1, label: labelOf(path[0]) } : undefined),
      )}`,
    )
  return parsed.data.map((entry) => deepFreeze(entry))
}

// Top-level fields replace; `training` and `storage` merge one level, as documented on the patch schema.
function applyPatch(entry: CatalogEntry, patch: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...entry }
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue
    result[key] =
      key === 'training' || key === 'storage'
        ? { ...(entry[key] as object), ...withoutUndefined(value as Record<string, unknown>) }
        : value
  }
  return result
}

function withoutUndefined(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined))
}
