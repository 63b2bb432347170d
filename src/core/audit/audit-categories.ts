import { type DataCategory, dataCategories } from '../detection/entity-type.ts'

/**
 * The audit's data categories: the detection engine's categories plus what traffic analysis adds
 * (prompt content, location). One vocabulary for findings, disclosures and the report.
 */
export const auditCategories = [...dataCategories, 'prompt_content', 'location'] as const

/** One of {@link auditCategories}. */
export type AuditCategory = DataCategory | 'prompt_content' | 'location'

/** How each category reads in a report. */
export const categoryLabels: Readonly<Record<AuditCategory, string>> = {
  personal_identifier: 'personal identifiers',
  sensitive: 'sensitive data',
  device_information: 'device information',
  network_details: 'network details',
  credentials: 'credentials',
  classified: 'classified markings',
  organisation_defined: 'organisation-defined data',
  prompt_content: 'prompt content',
  location: 'location',
}

const byName = new Map<string, AuditCategory>()
for (const c of auditCategories) {
  byName.set(c, c)
  byName.set(categoryLabels[c].replaceAll(' ', '_'), c)
}
// Words privacy policies use for the same things.
for (const [alias, c] of [
  ['prompts', 'prompt_content'],
  ['user_input', 'prompt_content'],
  ['user_inputs', 'prompt_content'],
  ['device', 'device_information'],
  ['device_info', 'device_information'],
  ['network', 'network_details'],
  ['network_information', 'network_details'],
  ['ip_address', 'network_details'],
  ['personal_identifiers', 'personal_identifier'],
  ['account', 'personal_identifier'],
  ['account_information', 'personal_identifier'],
  ['contact_information', 'personal_identifier'],
  ['location_data', 'location'],
] as const)
  byName.set(alias, c)

/** Reads a category name as written in a disclosures file ('Device information', 'prompt-content'…). */
export function parseAuditCategory(name: string): AuditCategory | undefined {
  return byName.get(
    name
      .trim()
      .toLowerCase()
      .replaceAll(/[\s-]+/g, '_'),
  )
}
