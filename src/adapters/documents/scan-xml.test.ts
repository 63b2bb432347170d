import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { decodeXmlEntities, scanXml } from './scan-xml.ts'

function events(xml: string): string[] {
  const seen: string[] = []
  scanXml(xml, {
    open: (name, attribute, empty) =>
      seen.push(`<${name}${empty ? '/' : ''} id=${attribute('w:id') ?? '-'}>`),
    close: (name) => seen.push(`</${name}>`),
    text: (text) => seen.push(JSON.stringify(text)),
  })
  return seen
}

describe('decodeXmlEntities', () => {
  const cases: readonly [string, string][] = [
    ['a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;', 'a & b <c> "d" \'e\''],
    ['&#xD64D;&#44600;&#xAE38;', '홍길길'],
    ['&#x1F600;', '😀'],
    ['&amp;lt;', '&lt;'],
    ['&unknown; &#xD800; &#x110000;', '&unknown; &#xD800; &#x110000;'],
  ]
  for (const [input, expected] of cases) {
    it(`decodes ${input}`, () => assert.equal(decodeXmlEntities(input), expected))
  }
})

describe('scanXml', () => {
  it('reports elements without prefixes, attributes, decoded text and CDATA', () => {
    const xml =
      '<?xml version="1.0"?><!-- c --><w:doc><w:p w:id="a&gt;b" x=\'1\'>홍&amp;길<![CDATA[<raw>]]></w:p><w:br/></w:doc>\n'
    assert.deepEqual(events(xml), [
      '<doc id=->',
      '<p id=a>b>',
      '"홍&길"',
      '"<raw>"',
      '</p>',
      '<br/ id=->',
      '</br>',
      '</doc>',
    ])
  })

  const broken: readonly [string, string][] = [
    ['mismatched tags', '<a><b></a></b>'],
    ['an unclosed element', '<a><b></b>'],
    ['a truncated tag', '<a><b attr="x'],
    ['a DTD', '<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'],
    ['text outside the root', 'junk<a/>'],
    ['two roots', '<a/><b/>'],
    ['no root at all', '   '],
    ['an unterminated comment', '<a><!-- x</a>'],
  ]
  for (const [name, xml] of broken) {
    it(`refuses ${name} with BROKEN_DOCUMENT`, () => {
      assert.throws(
        () => scanXml(xml, {}),
        (error: unknown) => (error as { code?: unknown }).code === 'BROKEN_DOCUMENT',
      )
    })
  }
})
