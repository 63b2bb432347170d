// Frequent US given names (public SSA and census rankings), minus those that are also ordinary
// words or places (Will, May, Grace, Austin, Jordan, Virginia…), which would make "X Street" a person.
const firstNames =
  'James John Robert Michael William David Richard Joseph Thomas Charles Christopher Daniel Matthew Anthony Donald Steven Paul Andrew Joshua Kenneth Kevin Brian George Timothy Ronald Edward Jason Jeffrey Ryan Jacob Gary Nicholas Eric Jonathan Stephen Larry Justin Scott Brandon Benjamin Samuel Gregory Alexander Frank Patrick Raymond Jack Dennis Jerry Tyler Aaron Jose Adam Nathan Henry Douglas Zachary Peter Kyle Ethan Walter Noah Jeremy Keith Roger Terry Gerald Harold Sean Carl Arthur Lawrence Dylan Jesse Bryan Billy Joe Bruce Gabriel Logan Albert Willie Alan Juan Wayne Elijah Randy Roy Vincent Ralph Bobby Russell Mason Philip Louis Liam Oliver Lucas Jayden Aiden Caleb Owen Luke Isaac Hunter Connor Evan Ian Adrian Nolan Colin Jared Marcus Martin Howard Stanley Leonard Eugene Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Lisa Nancy Betty Margaret Sandra Ashley Kimberly Emily Donna Michelle Carol Amanda Dorothy Melissa Deborah Stephanie Rebecca Sharon Laura Cynthia Kathleen Amy Angela Shirley Anna Brenda Pamela Emma Nicole Helen Samantha Katherine Christine Debra Rachel Carolyn Janet Catherine Maria Heather Diane Ruth Julie Olivia Joyce Kelly Lauren Christina Joan Evelyn Judith Megan Andrea Cheryl Hannah Jacqueline Martha Gloria Teresa Ann Sara Frances Kathryn Janice Jean Abigail Alice Judy Sophia Julia Marie Denise Beverly Danielle Theresa Diana Natalie Isabella Alexis Kayla Ava Mia Amelia Chloe Lily Zoe Ella Sofia Jane Anne Claire Lucy Ellen Emilie Susie Wendy Tracy Tina Monica Erica Erin Jenna Jill Kate Katie Laurie Leah Linda Lori Melanie Molly Nina Paula Rita Rosa Sally Sylvia Vanessa Valerie Yvonne Alan Jim Tom Tim Bob Mike Dave Steve Chris Matt Dan Nick Josh Ben Sam Alex Andy Tony Greg Jeff Ken Rick Ron Ted Jon Jake Max Leo Hugo Oscar Felix Victor Hans Pierre Jean-Pierre Carlos Miguel Luis Pedro Ahmed Mohammed Ali Omar Yuki Hiroshi Wei'

/** Common English given names; a following capitalised word then reads as a surname. */
export const englishFirstNames: ReadonlySet<string> = new Set(firstNames.split(' '))

// Revised Romanization and McCune–Reischauer spellings of frequent Korean surnames (lower case).
const romanizedSurnameList =
  'kim gim lee yi rhee rhie park pak bak choi choe chae jung jeong chung joung kang gang cho jo joe yoon yun jang chang lim im yim han oh o seo suh shin sin kwon gwon hwang ahn an song jeon jun chun hong yoo yu ryu ryoo ko go moon mun yang son sohn bae baek paik heo huh nam shim sim noh roh ha kwak sung seong cha joo ju woo koo ku min na ra jin ji uhm eom won cheon chun bang kong hyun ham byun byeon yeom yeo choo do so seok suk sun seol sul ma gil yeon wi pyo myung myeong ki gi ban wang geum keum ok yook yuk in maeng je mo tak kook guk eun pyeon yong ye kyung gyeong bong sa boo bu ka ga tae namgung hwangbo jegal seonwoo sunwoo dokgo sagong'

/** Romanised Korean surnames, lower case. */
export const romanizedSurnames: ReadonlySet<string> = new Set(romanizedSurnameList.split(' '))

// Short or ordinary-word surnames ("In", "So", "Song") count only with a hyphenated given name.
const ambiguousRomanized =
  'o an in so do ma ha na go jo ok sun song moon park son won bang ban gil ki wang han min kong yang ra je mo boo bu ka ga tae ye ji ko ku ju'

/** Romanised surnames that are also English words or names: they need stronger evidence. */
export const ambiguousRomanizedSurnames: ReadonlySet<string> = new Set(ambiguousRomanized.split(' '))

// One romanised Korean syllable: initial, vowel, optional final.
const syllable =
  '(?:kk|tt|pp|ss|jj|ch|sh|ts|g|k|n|d|t|r|l|m|b|p|s|j|h|y|w|c|f)?(?:yeo|yae|wae|wa|we|wo|wi|ae|eo|eu|ui|oe|oo|ou|ee|ya|ye|yo|yu|a|e|i|o|u)(?:ng|n|m|l|k|g|b|p|t)?'

/** A romanised Korean given name: one or two syllables, optionally hyphenated (Gil-dong, Minjun). */
export const romanizedGivenName = new RegExp(`^${syllable}(?:-?${syllable})?$`)

/**
 * Capitalised words that follow labels and honorifics without being names ("Dear Sir", "Hi Team",
 * "Hi Claude" to an assistant), and words that end a name ("Smith Street").
 */
export const englishNameStopWords: ReadonlySet<string> = new Set(
  'the a an all team everyone everybody sir sirs madam there folks guys friends colleagues customer customers user users valued hiring manager support admin administrator n/a none null nil unknown anonymous redacted name your my our his her their this that these those please thank thanks hello hi hey dear good morning afternoon evening chatgpt claude gemini copilot siri alexa bard grok assistant ai bot gpt llama it is not yes no tbd test example sample default required optional string text value undefined true false street st avenue ave road rd boulevard blvd lane drive bank hospital university college school institute center centre foundation museum station airport hotel church bridge river lake island beach county city company corp corporation inc ltd llc group award prize act law day building tower square plaza library memorial stadium theatre theater fund trust project program series show cup and or of in on at for from to with by was are be as via january february march april may june july august september october november december monday tuesday wednesday thursday friday saturday sunday korea korean english american office department ministry agency service services inc. co'.split(
    ' ',
  ),
)
