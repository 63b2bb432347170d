// Transcribed from data-privacy-stack/presidio, MIT licence,
// presidio-analyzer/tests/test_url_recognizer.py at 0b2088eafd4538e2ffad0e2a714561a5772cfe67.
import { casesOf, differs, type VectorFile } from '../conformance-case.ts'

const t = casesOf(['URL'])

// A host name alone ("microsoft.com") names an organisation as often as a location; Sluice reports a
// bare host only when a path or port follows it. With a scheme or www. it is always a URL.
const bareHost = 'a bare host name with no scheme, www. or path is read as a name, not a URL'

/** Presidio's URL recognizer tests. */
export const presidioUrl: VectorFile = {
  name: 'presidio test_url_recognizer.py',
  source: {
    repo: 'data-privacy-stack/presidio',
    path: 'presidio-analyzer/tests/test_url_recognizer.py',
    commit: '0b2088eafd4538e2ffad0e2a714561a5772cfe67',
    licence: 'MIT',
  },
  cases: [
    t('https://www.microsoft.com/', 1, [[0, 26]]),
    t('http://www.microsoft.com/', 1, [[0, 25]]),
    t('http://www.microsoft.com', 1, [[0, 24]]),
    t('http://microsoft.com', 1, [[0, 20]]),
    t('http://microsoft.site', 1, [[0, 21]]),
    t('http://microsoft.webcam', 1, [[0, 23]]),
    t('http://microsoft.vlaanderen', 1, [[0, 27]]),
    t('https://webhook.site/a8eedfd6-9d8a-44e0-b0fc-cc7d517db5dc?q=1&b=2', 1, [[0, 65]]),
    t('https://www.microsoft.com/store/abc/', 1, [[0, 36]]),
    differs(t('microsoft.com', 1, [[0, 13]]), bareHost, 0),
    differs(
      t('my domains: microsoft.com google.co.il', 2, [
        [12, 25],
        [26, 38],
      ]),
      bareHost,
      0,
    ),
    // Quoted URLs: the quotes are not part of the URL.
    t('"https://presidio.dataprivacystack.org/"', 1, [[1, 39]]),
    t("'https://presidio.dataprivacystack.org/'", 1, [[1, 39]]),
    t('"www.example.com"', 1, [[1, 16]]),
    t('{"website": "https://example.com/profile/42"}', 1, [[13, 43]]),
    t("<a href='https://example.com/profile/42'>profile</a>", 1, [[9, 39]]),
    // Invalid URLs.
    t('www.microsoft', 0),
    t('http://microsoft', 0),
    t("'www.microsoft'", 0),
    // test_long_valid_hostname_still_detected and test_repeated_dot_input_does_not_backtrack.
    t(`http://${'a.'.repeat(60)}example.com/path`, 1, [[0, 143]]),
    t('.'.repeat(3000), 0),
  ],
}
