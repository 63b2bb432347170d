import type { AuditCategory } from './audit-categories.ts'

/** What a structural rule says about a field. */
export interface StructuralMatch {
  readonly category: AuditCategory
  /** Which rule matched: e.g. `messages[].content`, `device field imei`. */
  readonly rule: string
}

// AI chat request fields (OpenAI chat/responses, Anthropic, Gemini, Ollama and DeepSeek-style apps),
// written as key paths with '[]' for array positions; matched as a suffix of the value's keys.
const promptPaths: readonly string[][] = [
  ['messages', '[]', 'content'],
  ['messages', '[]', 'content', '[]', 'text'],
  ['contents', '[]', 'parts', '[]', 'text'],
  ['prompt'],
  ['input'],
  ['input', '[]', 'content'],
  ['input', '[]', 'content', '[]', 'text'],
  ['query'],
  ['question'],
  ['system'],
  ['instructions'],
  ['user_input'],
  ['chat_input'],
]

// Telemetry SDK keys, compared after lowercasing and dropping '_', '-', and an 'x' header prefix.
const deviceKeys = new Set([
  'imei',
  'meid',
  'imsi',
  'idfa',
  'idfv',
  'gaid',
  'adid',
  'aaid',
  'oaid',
  'advertisingid',
  'adsid',
  'androidid',
  'deviceid',
  'udid',
  'serial',
  'serialnumber',
  'devicemodel',
  'devicebrand',
  'devicetype',
  'devicename',
  'manufacturer',
  'osversion',
  'osname',
  'systemversion',
  'osbuild',
  'romversion',
  'screenresolution',
  'resolution',
  'macaddress',
  'mac',
  'cpuabi',
])
const networkKeys = new Set([
  'ip',
  'ipaddress',
  'clientip',
  'localip',
  'publicip',
  'carrier',
  'networkoperator',
  'carriername',
  'mcc',
  'mnc',
  'networktype',
  'nettype',
  'wifissid',
  'ssid',
  'bssid',
  'cellid',
])
const locationKeys = new Set([
  'lat',
  'latitude',
  'lng',
  'lon',
  'longitude',
  'gps',
  'geolocation',
  'coordinates',
])

/** Normalises a JSON/form/header key for the telemetry key lists. */
export function normaliseKey(key: string): string {
  const k = key.toLowerCase().replaceAll(/[_\-\s.]/g, '')
  return k.startsWith('x') && (deviceKeys.has(k.slice(1)) || networkKeys.has(k.slice(1))) ? k.slice(1) : k
}

function endsWith(keys: readonly string[], suffix: readonly string[]): boolean {
  if (suffix.length > keys.length) return false
  const offset = keys.length - suffix.length
  for (let i = 0; i < suffix.length; i++) if (keys[offset + i] !== suffix[i]) return false
  return true
}

/**
 * The structural category of a value at `keys` (lowercased key path, '[]' for array positions), or
 * undefined. `aiDestination` enables the chat-field rules: `input` or `query` mean a prompt only in a
 * request to an AI service; elsewhere free text falls to the heuristic.
 */
export function structuralCategory(
  keys: readonly string[],
  value: string,
  aiDestination: boolean,
): StructuralMatch | undefined {
  if (keys.length === 0 || value.trim() === '') return undefined
  if (aiDestination && /\p{L}/u.test(value)) {
    // A chat message's role decides nothing here: system and assistant turns are prompt content too.
    for (const path of promptPaths)
      if (endsWith(keys, path))
        return { category: 'prompt_content', rule: path.join('.').replaceAll('.[]', '[]') }
  }
  const last = keys[keys.length - 1] as string
  const key = normaliseKey(last)
  if (deviceKeys.has(key)) return { category: 'device_information', rule: `device field ${last}` }
  // 'model' and 'os' alone are too common (an AI request's `model` names the LLM): only under a device object.
  if (
    (key === 'model' || key === 'os' || key === 'brand') &&
    keys.slice(0, -1).some((k) => k.includes('device'))
  )
    return { category: 'device_information', rule: `device field ${keys.slice(-2).join('.')}` }
  if (networkKeys.has(key)) return { category: 'network_details', rule: `network field ${last}` }
  if (locationKeys.has(key)) return { category: 'location', rule: `location field ${last}` }
  return undefined
}

/**
 * The heuristic for free text: a value that reads like something a person typed (several words of
 * letters, not a URL, token, user agent or identifier). Used for destinations that are not AI services,
 * where typed text is "possible prompt content".
 */
export function looksLikeFreeText(value: string): boolean {
  const text = value.trim()
  if (text.length < 24 || text.length > 200_000) return false
  if (/^(https?:|data:|\{|\[)/i.test(text) || /Mozilla\/|AppleWebKit|Dalvik\//.test(text)) return false
  const letters = text.match(/\p{L}/gu)?.length ?? 0
  if (letters / text.length < 0.6) return false
  // CJK and Hangul do not separate words by spaces: enough letters is enough there.
  if (/[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/.test(text)) return letters >= 10
  const words = text.split(/\s+/).filter((w) => /\p{L}{2,}/u.test(w))
  return words.length >= 5
}
