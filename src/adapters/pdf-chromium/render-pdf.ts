import { SluiceError } from '../../app/errors.ts'

/** Where Chromium is and how it is started. */
export interface PdfRenderOptions {
  readonly executablePath?: string
  readonly timeoutMs?: number
}

// No sandbox (containers run as root), no GPU, and no background fetches: the page is self-contained.
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking']

/**
 * Prints a self-contained HTML page to PDF (A4 landscape, backgrounds kept) with headless Chromium via
 * playwright-core. Every network request of the page is refused: a report never fetches anything.
 */
export async function renderHtmlToPdf(html: string, options: PdfRenderOptions = {}): Promise<Uint8Array> {
  let chromium: typeof import('playwright-core').chromium
  try {
    ;({ chromium } = await import('playwright-core'))
  } catch (cause) {
    throw new SluiceError(
      'INTERNAL',
      'PDF output needs the playwright-core package, which is not installed',
      { cause },
    )
  }
  const executablePath = options.executablePath ?? '/usr/bin/chromium'
  let browser: Awaited<ReturnType<typeof chromium.launch>>
  try {
    browser = await chromium.launch({
      executablePath,
      args: chromiumArgs,
      timeout: options.timeoutMs ?? 30_000,
    })
  } catch (cause) {
    throw new SluiceError(
      'INTERNAL',
      `PDF output needs Chromium at ${executablePath}: ${(cause as Error).message.split('\n')[0]}`,
      {
        cause,
      },
    )
  }
  try {
    const page = await browser.newPage()
    await page.route('**/*', (route) => route.abort())
    await page.setContent(html, { waitUntil: 'load', timeout: options.timeoutMs ?? 30_000 })
    const pdf = await page.pdf({
      format: 'A4',
      landscape: true,
      printBackground: true,
      margin: { top: '12mm', bottom: '12mm', left: '10mm', right: '10mm' },
    })
    return new Uint8Array(pdf)
  } finally {
    await browser.close()
  }
}
