import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { escapeHtml, type NoticeView, renderNoticePage } from './notice-page.ts'
import { pickLanguage } from './pick-language.ts'

const view: NoticeView = {
  tenant: 'mofa',
  tenantName: 'Ministry <of> "Foreign" Affairs',
  contact: 'security@mofa.example, 02-1234-5678',
  rule: 'T-china',
  service: 'DeepSeek',
  host: 'chat.deepseek.com',
  time: '2026-11-24T06:00:00.000Z',
  requestId: 'req-<1>',
  ko: '중국 소재 수신자에게는 보낼 수 없습니다',
  en: 'Services with recipients in China are blocked <script>alert(1)</script>',
}

describe('renderNoticePage', () => {
  it('says what, by which rule of which organisation, when, the request id and whom to contact (Korean)', () => {
    const page = renderNoticePage(view, 'ko')
    assert.match(page, /^<!DOCTYPE html>/)
    assert.match(page, /<html lang="ko">/)
    assert.match(page, /<meta charset="utf-8">/)
    for (const text of [
      '접속 제한',
      'chat.deepseek.com',
      'DeepSeek',
      'T-china',
      '2026-11-24T06:00:00.000Z',
      '중국 소재',
    ]) {
      assert.ok(page.includes(text), text)
    }
    assert.ok(page.includes('security@mofa.example, 02-1234-5678'))
    assert.ok(page.includes('Ministry &lt;of&gt; &quot;Foreign&quot; Affairs'))
    assert.ok(page.includes('req-&lt;1&gt;'))
    // The other language follows, so an English reader can follow a Korean page.
    assert.ok(page.includes('Access to this AI service is restricted'))
    assert.ok(page.trimEnd().endsWith('</html>'))
  })

  it('is in English when asked, and escapes everything it shows', () => {
    const page = renderNoticePage(view, 'en')
    assert.match(page, /<html lang="en">/)
    assert.match(page, /<title>Access restricted — chat\.deepseek\.com<\/title>/)
    assert.ok(!page.includes('<script>'), 'no markup from the view gets through')
    assert.ok(page.includes('&lt;script&gt;alert(1)&lt;/script&gt;'))
    assert.ok(!/<script|src=|href=/i.test(page), 'no scripts or external resources')
  })

  it('tells the user to contact the security officer when no contact is configured, and shows a note', () => {
    const { contact: _c, ...noContact } = view
    const page = renderNoticePage(
      { ...noContact, note: { ko: '사유를 보낼 수 없습니다', en: 'cannot send a reason' } },
      'en',
    )
    assert.ok(page.includes('Contact your organisation&#39;s information security officer.'))
    assert.ok(page.includes('cannot send a reason'))
    assert.ok(page.includes('사유를 보낼 수 없습니다'))
  })

  it('escapes all five HTML-special characters', () => {
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;')
  })
})

describe('pickLanguage', () => {
  it('follows the q-values between Korean and English, Korean by default', () => {
    assert.equal(pickLanguage(undefined), 'ko')
    assert.equal(pickLanguage(''), 'ko')
    assert.equal(pickLanguage('en-US,en;q=0.9'), 'en')
    assert.equal(pickLanguage('ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7'), 'ko')
    assert.equal(pickLanguage('en;q=0.5, ko;q=0.8'), 'ko')
    assert.equal(pickLanguage('fr-FR, de;q=0.9'), 'ko')
    assert.equal(pickLanguage('fr-FR, en;q=0.3'), 'en')
    assert.equal(pickLanguage('EN'), 'en')
    assert.equal(pickLanguage('en;q=0'), 'ko')
    assert.equal(pickLanguage('ja, en-GB;q=0.9, ko;q=0.9'), 'en', 'ties go to the one listed first')
  })
})
