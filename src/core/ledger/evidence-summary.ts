// The human-readable page of an evidence bundle: what was selected, from when to when, how many
// records to which recipients and countries, of which categories and actions, and how to check it all.
// Everything shown comes from the records' metadata (which never holds content) and is HTML-escaped.
import type { Checkpoint } from './checkpoint.ts'
import { decodeEntry } from './entry-codec.ts'
import { indexedFieldsOf, type LedgerQuery } from './ledger-query.ts'
import type { StoredRecord } from './ledger-record.ts'

/** What the summary describes. */
export interface SummaryInput {
  readonly records: readonly StoredRecord[]
  readonly checkpoint: Checkpoint
  readonly earlier: readonly Checkpoint[]
  readonly filter: LedgerQuery
  readonly createdAt: string
  readonly files: readonly string[]
}

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  )

function countTable(title: string, counts: Map<string, number>): string {
  const rows = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([name, n]) => `<tr><td>${escapeHtml(name)}</td><td class="n">${n}</td></tr>`)
    .join('')
  return `<section><h3>${escapeHtml(title)}</h3><table><tr><th>${escapeHtml(title)}</th><th>records</th></tr>${rows || '<tr><td colspan="2">none</td></tr>'}</table></section>`
}

/** The summary.html text (UTF-8, self-contained, no scripts). */
export function evidenceSummaryHtml(input: SummaryInput): string {
  const byRecipient = new Map<string, number>()
  const byCountry = new Map<string, number>()
  const byCategory = new Map<string, number>()
  const byAction = new Map<string, number>()
  const byKind = new Map<string, number>()
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1)
  let first: string | undefined
  let last: string | undefined
  for (const record of input.records) {
    const decoded = decodeEntry(record.entryJson)
    if (!decoded.ok) continue
    const fields = indexedFieldsOf(decoded.value)
    first ??= fields.time
    last = fields.time
    bump(byKind, fields.kind)
    if (fields.action !== undefined) bump(byAction, fields.action)
    for (const r of fields.recipients) bump(byRecipient, r)
    for (const c of fields.countries) bump(byCountry, c)
    for (const c of fields.categories) bump(byCategory, c)
  }
  const filterRows = Object.entries(input.filter)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `<tr><td>${escapeHtml(k)}</td><td>${escapeHtml(String(v))}</td></tr>`)
    .join('')
  const seqs =
    input.records.length === 0 ? 'none' : `#${input.records[0]?.seq} to #${input.records.at(-1)?.seq}`
  const cp = input.checkpoint
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sluice ledger evidence</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.2rem .6rem;text-align:left}
td.n{text-align:right}code{font-size:90%;word-break:break-all}section{display:inline-block;vertical-align:top;margin-right:1.5rem}</style>
</head><body>
<h1>Sluice ledger evidence bundle</h1>
<p>Made ${escapeHtml(input.createdAt)}. It holds <strong>${input.records.length}</strong> ledger records (${escapeHtml(seqs)}),
dated ${escapeHtml(first ?? '-')} to ${escapeHtml(last ?? '-')}. Records hold metadata about decisions and transfers,
never the content sent.</p>
<h2>Selection</h2>
<table><tr><th>filter</th><th>value</th></tr>${filterRows || '<tr><td colspan="2">all records</td></tr>'}</table>
<h2>Counts</h2>
${countTable('Recipient', byRecipient)}
${countTable('Country', byCountry)}
${countTable('Category', byCategory)}
${countTable('Action', byAction)}
${countTable('Record kind', byKind)}
<h2>Signed checkpoint</h2>
<p>The ledger's first <strong>${cp.treeSize}</strong> records have the Merkle root <code>${escapeHtml(cp.rootHash)}</code>,
signed with the key in <code>public-key.pem</code> at ${escapeHtml(cp.time)}.
${input.earlier.length > 0 ? `${input.earlier.length} earlier checkpoint(s) in the range are included with proofs that this tree extends them.` : ''}</p>
<h2>How to verify</h2>
<ol>
<li>Obtain the operator's public key independently (not from this bundle) and run
<code>sluice evidence verify THIS-DIRECTORY --public-key operator.pem</code>. It exits 0 when everything holds and
names the file, line and record of anything that does not.</li>
<li>What it checks: <code>manifest.json</code> lists the SHA-256 of every file; each line of <code>records.jsonl</code>
hashes (SHA-256 over <code>"sluice/ledger/v1/record\\n" + prevHash + "\\n" + seq + "\\n" + canonical entry</code>) to
its <code>hash</code>; each line of <code>proofs.jsonl</code> is an RFC 6962 inclusion proof (leaf = SHA-256(0x00 ||
record hash), node = SHA-256(0x01 || left || right)) from that hash to the checkpoint's root; the checkpoint's
Ed25519 signature covers <code>"sluice/ledger/v1/checkpoint\\n" + treeSize + "\\n" + rootHash + "\\n" + time + "\\n"</code>.</li>
<li>Changing, removing or adding any record makes its hash, its proof or the manifest fail.</li>
</ol>
<h2>Files</h2>
<ul>${input.files.map((f) => `<li><code>${escapeHtml(f)}</code></li>`).join('')}<li><code>summary.html</code> (this page)</li><li><code>manifest.json</code></li></ul>
</body></html>
`
}
