import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createDetectionEngine } from '../../detection/create-engine.ts'
import { contactDetectors } from './index.ts'

const engine = createDetectionEngine(contactDetectors)
const ips = (text: string) => engine.scan(text).filter((f) => f.type === 'IP_ADDRESS')
const spans = (text: string) => ips(text).map((f) => text.slice(f.start, f.end))

describe('ipAddressDetector', () => {
  // Presidio test_ip_recognizer.py (MIT): text and the expected spans.
  const presidio: [string, string[]][] = [
    ['microsoft.com 192.168.0.1', ['192.168.0.1']],
    ['my ip: 192.168.0', []],
    ['microsoft.com 684D:1111:222:3333:4444:5555:6:77', ['684D:1111:222:3333:4444:5555:6:77']],
    ['684D:1111:222:3333:4444:5555:77', []],
    ['2345:0425:2CA1:0000:0000:0567:5673:23b5', ['2345:0425:2CA1:0000:0000:0567:5673:23b5']],
    ['2345:0425:2CA1::0567:5673:23b5', ['2345:0425:2CA1::0567:5673:23b5']],
    ['2400:c401::5054:ff:fe1b:b031', ['2400:c401::5054:ff:fe1b:b031']],
    ['my ip: ::1', ['::1']],
    ['fe80::1%eth0', ['fe80::1%eth0']],
    ['2001:db8::8a2e:370:7334', ['2001:db8::8a2e:370:7334']],
    ['Connect to [2001:db8::1]:8080', ['2001:db8::1']],
    ['SSH to user@2001:db8::1', ['2001:db8::1']],
    ['::ffff:192.0.2.1', ['::ffff:192.0.2.1']],
    ['::ffff:0:192.168.1.1', ['::ffff:0:192.168.1.1']],
    ['[::ffff:192.168.1.1]:80', ['::ffff:192.168.1.1']],
    ['::192.168.1.1', ['::192.168.1.1']],
    ['::ffff:256.0.0.1', []],
    ['64:ff9b::192.0.2.1', ['64:ff9b::192.0.2.1']],
    ['0:0:0:0:0:FFFF:129.144.52.38', ['0:0:0:0:0:FFFF:129.144.52.38']],
    ['2001:db8:85a3::8a2e:192.168.0.1', ['2001:db8:85a3::8a2e:192.168.0.1']],
    ['2001:db8::256.1.1.1', []],
    ['IPs: 192.168.1.1, 10.0.0.1, 2001:db8::1', ['192.168.1.1', '10.0.0.1', '2001:db8::1']],
    ['MAC address aa:bb:cc:dd:ee:ff', []],
    ['Time 12:34:56', []],
    ['Ratio 1:2:3:4', []],
    ['CSS color #ff00aa', []],
    ['Version 1.2.3', []],
    ['Port 80:443', []],
    ['abc:def:ghi', []],
    ['123:abc', []],
    ['file:///path/to/file', []],
    ['std::cout', []],
    ['MyClass::toString', []],
    [':::', []],
    ['IP192.168.1.1text', []],
    ['text192.168.1.1', []],
    ['(192.168.1.1)', ['192.168.1.1']],
    ["'2001:db8::1'", ['2001:db8::1']],
    ['IP: 192.168.1.1.', ['192.168.1.1']],
    ['192.168.1.1,', ['192.168.1.1']],
    ['Server IP: 2400:c401::5054:ff:fe1b:b031.', ['2400:c401::5054:ff:fe1b:b031']],
    ['2001:db8::1.', ['2001:db8::1']],
    ['fe80::1text', []],
    ['text2001:db8::1', []],
    ['256.256.256.256', []],
    ['gggg:hhhh::1234', []],
    ['12345:db8::1', []],
    ['2001::db8::1', []],
    ['192.168.2.1@eth0', ['192.168.2.1']],
    ['text::ffff:192.0.2.1', ['192.0.2.1']],
    ['foo2001:db8::10.0.0.1', ['10.0.0.1']],
    ['Multicast ff02::1', ['ff02::1']],
    ['192.168.1.0/24', ['192.168.1.0/24']],
    ['0.0.0.0/0', ['0.0.0.0/0']],
    ['2001:db8::/32', ['2001:db8::/32']],
    ['fe80::1%eth0/64', ['fe80::1%eth0/64']],
    ['Route is 10.0.0.0/8.', ['10.0.0.0/8']],
    ['10.0.0.0/123', ['10.0.0.0']],
    ['2001:db8::/9999', ['2001:db8::']],
  ]
  for (const [text, expected] of presidio) {
    it(`returns ${JSON.stringify(expected)} when given ${text}`, () => {
      assert.deepEqual(spans(text), expected)
    })
  }

  const subtypes: [string, string][] = [
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.1', 'private'],
    ['192.168.0.1', 'private'],
    ['172.32.0.1', 'public'],
    ['8.8.8.8', 'public'],
    ['127.0.0.1', 'loopback'],
    ['169.254.1.1', 'link-local'],
    ['255.255.255.0', 'reserved'],
    ['::1', 'loopback'],
    ['fe80::1', 'link-local'],
    ['fd12:3456:789a::1', 'private'],
    ['fc00::1:2', 'private'],
    ['::ffff:10.0.0.1', 'private'],
    ['2001:db8::1', 'public'],
  ]
  for (const [text, subtype] of subtypes) {
    it(`classifies the address as ${subtype} when given ${text}`, () => {
      assert.deepEqual(
        ips(`host ${text}`).map((f) => f.subtype),
        [subtype],
      )
    })
  }

  const negatives = [
    'v1.2.3.4',
    'ver1.2.3.4',
    '1.2.3.4.5',
    '192.168.1.1.1',
    'section 3.1.2',
    '2024.01.15',
    '2024.1.15.3',
    'version 1.2.3.4',
    '버전 2.0.1.3',
    'release 4.18.2.1',
    'see figure 4.2.1.3',
    '그림 4.2.1.3 참고',
    '01.02.03.04',
    '192.168.001.001',
    'x[::2]',
    'A::B',
    'Use local ipv6 ::',
  ]
  for (const text of negatives) {
    it(`finds no address when given ${text}`, () => {
      assert.deepEqual(spans(text), [])
    })
  }

  it('keeps a private address after a version label', () => {
    assert.deepEqual(spans('version server 10.0.0.1'), ['10.0.0.1'])
  })

  const particles: [string, string][] = [
    ['서버 10.0.0.1에서 접속', '10.0.0.1'],
    ['게이트웨이는192.168.0.1입니다', '192.168.0.1'],
    ['주소 fe80::1로', 'fe80::1'],
  ]
  for (const [text, span] of particles) {
    it(`keeps particles and glued labels outside the span when given ${text}`, () => {
      assert.deepEqual(spans(text), [span])
    })
  }

  it('maps a full-width address back to the original text', () => {
    const text = '서버 １９２．１６８．０．１에서'
    assert.deepEqual(spans(text), ['１９２．１６８．０．１'])
  })

  it('raises the score when an address label is near', () => {
    const [plain] = ips('203.0.113.7')
    const [labelled] = ips('server 203.0.113.7')
    assert.ok(plain && labelled && labelled.score > plain.score && plain.score >= 0.8)
  })

  it('scores single-digit quads low but above the floor', () => {
    const [quad] = ips('1.2.3.4')
    assert.ok(quad && quad.score < 0.7 && quad.score >= 0.5)
  })

  it('needs a label for short compressed IPv6 forms', () => {
    assert.deepEqual(spans('1::2'), [])
    assert.deepEqual(spans('ipv6 1::2'), ['1::2'])
  })
})
