/** Where a piece of text would come from in a prompt. */
export type Form = 'chat' | 'form' | 'email' | 'log' | 'json' | 'doc'

/** Languages of a template: Korean, English, or both in one text. */
export type Lang = 'ko' | 'en' | 'mixed'

/** Templates that share a form and a language; `negative` ones must render with no labelled span. */
export interface TemplateGroup {
  readonly lang: Lang
  readonly form: Form
  readonly negative?: boolean
  readonly texts: readonly string[]
}
