import { readXmlPart } from './read-xml-part.ts'
import type { ZipArchive } from './read-zip.ts'
import { scanXml } from './scan-xml.ts'

/** One internal OPC relationship, its target resolved to a part name inside the package. */
export interface Relationship {
  readonly id: string
  readonly type: string
  readonly target: string
}

function resolveTarget(sourcePart: string, target: string): string {
  const base = target.startsWith('/') ? [] : sourcePart.split('/').slice(0, -1)
  for (const segment of target.split('/')) {
    if (segment === '..') base.pop()
    else if (segment !== '.' && segment !== '') base.push(segment)
  }
  return base.join('/')
}

/** Reads the relationships of a package part (or of the package itself when `sourcePart` is empty). */
export async function readRelationships(zip: ZipArchive, sourcePart: string): Promise<Relationship[]> {
  const slash = sourcePart.lastIndexOf('/')
  const relsName = `${sourcePart.slice(0, slash + 1)}_rels/${sourcePart.slice(slash + 1)}.rels`
  if (!zip.has(relsName)) return []
  const relationships: Relationship[] = []
  scanXml(await readXmlPart(zip, relsName), {
    open(name, attribute) {
      if (name !== 'Relationship' || attribute('TargetMode') === 'External') return
      const id = attribute('Id')
      const target = attribute('Target')
      if (id === undefined || target === undefined) return
      relationships.push({ id, type: attribute('Type') ?? '', target: resolveTarget(sourcePart, target) })
    },
  })
  return relationships
}

/** Whether a relationship type URI ends with the given short name (transitional and strict URIs differ). */
export function isRelationshipType(relationship: Relationship, shortName: string): boolean {
  return relationship.type.endsWith(`/${shortName}`)
}

/** Finds the package's main part through its officeDocument relationship, falling back to the usual name. */
export async function findMainPart(zip: ZipArchive, fallback: string): Promise<string> {
  const root = await readRelationships(zip, '')
  const main = root.find((relationship) => isRelationshipType(relationship, 'officeDocument'))
  return main !== undefined && zip.has(main.target) ? main.target : fallback
}
