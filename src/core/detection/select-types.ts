import { err, ok, type Result } from '../shared/result.ts'
import { categoryOfType, type EntityType, entityTypes, isDataCategory, isEntityType } from './entity-type.ts'

/**
 * Turns a list of entity type or data category names (e.g. `KR_RRN`, `credentials`) into the set of
 * entity types they cover; unknown names are an error that lists them.
 */
export function selectTypes(names: readonly string[]): Result<ReadonlySet<EntityType>, string> {
  const selected = new Set<EntityType>()
  const unknown: string[] = []
  for (const raw of names) {
    const name = raw.trim()
    if (name === '') continue
    if (isEntityType(name)) selected.add(name)
    else if (isDataCategory(name)) {
      for (const t of entityTypes) if (categoryOfType[t] === name) selected.add(t)
    } else unknown.push(name)
  }
  if (unknown.length > 0) {
    return err(`unknown type or category: ${unknown.join(', ')} (types: ${entityTypes.join(', ')})`)
  }
  return ok(selected)
}
