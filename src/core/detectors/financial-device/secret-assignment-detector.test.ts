import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createDetectionEngine } from '../../detection/create-engine.ts'
import type { Finding } from '../../detection/finding.ts'
import { financialDeviceDetectors } from './index.ts'
import { assignmentScores, keyKindOf } from './read-assignment.ts'
import { secretAssignmentDetector } from './secret-assignment-detector.ts'

const engine = createDetectionEngine([secretAssignmentDetector])
const all = createDetectionEngine(financialDeviceDetectors)
const found = (text: string): Finding[] => engine.scan(text)
const spans = (text: string): string[] => found(text).map((f) => text.slice(f.start, f.end))

describe('secretAssignmentDetector', () => {
  const assignments: ReadonlyArray<readonly [string, string, string]> = [
    ['password=hunter2', 'hunter2', 'password'],
    ['passwd: s3cr3t!', 's3cr3t!', 'password'],
    ['pwd=abc123', 'abc123', 'password'],
    ['DB_PASSWORD=Tr0ub4dor&3', 'Tr0ub4dor', 'password'],
    ['spring.datasource.password=p4ssW0rd', 'p4ssW0rd', 'password'],
    ['{"password": "correct horse battery staple"}', 'correct horse battery staple', 'password'],
    ["'passphrase' => 'open sesame 42'", 'open sesame 42', 'password'],
    ['mysql --password s3cr3tPw', 's3cr3tPw', 'password'],
    ['my password is Summer2024!', 'Summer2024!', 'password'],
    ['비밀번호: qwer1234', 'qwer1234', 'password'],
    ['비밀번호는 qwer1234!입니다', 'qwer1234!', 'password'],
    ['비번 0000은 안 돼요, 비번 7391로 바꿨어요', '7391', 'password'],
    ['패스워드=Abcd!234', 'Abcd!234', 'password'],
    ['secret_key=9f8e7d6c5b4a3f2e', '9f8e7d6c5b4a3f2e', 'secret_key'],
    ['client_secret: "a1b2c3d4e5f6g7h8"', 'a1b2c3d4e5f6g7h8', 'secret_key'],
    ['API key: abcd1234efgh5678', 'abcd1234efgh5678', 'api_key'],
    ['x-api-key: 0a1b2c3d4e5f6a7b8c9d', '0a1b2c3d4e5f6a7b8c9d', 'api_key'],
    ['access_token=ya29a0AfH6SMBx1234', 'ya29a0AfH6SMBx1234', 'access_token'],
    [
      'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      'aws_secret_access_key',
    ],
  ]
  for (const [text, value, subtype] of assignments) {
    it(`takes only the value as the span when given ${JSON.stringify(text.slice(0, 28))}`, () => {
      const list = found(text)
      assert.deepEqual(
        list.map((f) => text.slice(f.start, f.end)),
        [value],
      )
      assert.equal(list[0]?.subtype, subtype)
    })
  }

  const negatives: ReadonlyArray<readonly [string, string]> = [
    ['비밀번호를 잊어버렸어요', 'a Korean password word has no value'],
    ['비밀번호 변경은 설정에서 하세요', 'a Korean word follows the key'],
    ['비밀번호는 8자리 이상이어야 합니다', 'the value is a length rule'],
    ['암호화: AES256', '암호화 means encryption'],
    ['Please keep this secret between us.', 'secret is prose'],
    ['The password is required.', 'the prose value is a plain word'],
    ['Password: must be at least 8 characters', 'a colon is followed by prose'],
    ['password=********', 'the value is masked'],
    ['api_key=<your-api-key>', 'the value is a template'],
    ['password: xxx', 'the value is a placeholder'],
    ['password=changeme', 'changeme is the documented placeholder'],
    ['password: "your_password_here"', 'the value says to insert a password'],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the shell-style reference is the input
    ['password=${DB_PASSWORD}', 'the value is a variable reference'],
    ['password = os.environ["DB_PASSWORD"]', 'the value is read from the environment'],
    ['password: string;', 'the value is a type annotation'],
    ['pwd=ab', 'the value is too short'],
    ['password=aaaaaaaa', 'the value repeats one character'],
    ['PWD=/home/user/project', 'PWD is the working directory'],
    ['{"token_type": "bearer", "max_tokens": 1024}', 'token keys are not credentials'],
    ['api_key=YOUR_API_KEY', 'the value is an upper-case placeholder'],
    ['secretary: Kim', 'secret is part of another word'],
    ['Forgot password? Reset your password: https://example.com/reset', 'the value is a link'],
  ]
  for (const [text, why] of negatives) {
    it(`finds nothing when ${why}`, () => {
      assert.deepEqual(spans(text), [])
    })
  }

  it('scores a bare word below a mixed value when both are assigned with a colon', () => {
    assert.equal(found('password: hunter')[0]?.score, assignmentScores.lettersOnly)
    assert.equal(found('password: hunter2')[0]?.score, assignmentScores.strong)
    assert.equal(found('비밀번호는 qwer1234!입니다')[0]?.score, assignmentScores.prose)
    assert.equal(found('비번 7391로')[0]?.score, assignmentScores.digitsOnlyProse)
  })

  it('keeps a Korean particle outside the span when it is glued to the value', () => {
    for (const particle of ['입니다', '이고', '로', '으로', '예요']) {
      const text = `비밀번호: Xk9#mQ2${particle}`
      assert.deepEqual(spans(text), ['Xk9#mQ2'])
    }
  })

  it('maps full-width text back to original offsets when the text is normalised', () => {
    const text = 'ｐａｓｓｗｏｒｄ＝ｈｕｎｔｅｒ２ 입니다'
    const [f] = all.scan(text)
    assert.equal(f?.type, 'SECRET')
    assert.equal(text.slice(f?.start, f?.end), 'ｈｕｎｔｅｒ２')
  })
})

describe('keyKindOf', () => {
  const cases: ReadonlyArray<readonly [string, string | undefined]> = [
    ['DB_PASSWORD', 'password'],
    ['userPasswd', 'password'],
    ['--pwd', 'password'],
    ['aws_secret_access_key', 'aws_secret_access_key'],
    ['x-api-key', 'api_key'],
    ['OPENAI_API_KEY', 'api_key'],
    ['client_secret', 'secret_key'],
    ['secretKey', 'secret_key'],
    ['refresh_token', 'access_token'],
    ['password_hash', undefined],
    ['token_type', undefined],
    ['max_tokens', undefined],
    ['next_page_token', undefined],
    ['csrf_token', undefined],
    ['secretary', undefined],
  ]
  for (const [identifier, kind] of cases) {
    it(`returns ${kind ?? 'undefined'} when the key is ${identifier}`, () => {
      assert.equal(keyKindOf(identifier), kind)
    })
  }
})
