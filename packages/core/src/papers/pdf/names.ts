/** Telling person names from affiliations, headings and title words; splitting author lists. */

const PARTICLES = new Set([
  'van',
  'von',
  'der',
  'den',
  'de',
  'del',
  'della',
  'delle',
  'dei',
  'di',
  'da',
  'du',
  'des',
  'le',
  'la',
  'dos',
  'das',
  'do',
  'bin',
  'binti',
  'ibn',
  'al',
  'el',
  'ter',
  'ten',
  'zu',
  'y',
  'e',
  'af',
  'av',
]);

/** Words that never appear in a person's name but often in lines near one. */
const NON_NAME_WORDS = new Set(
  `university universidad universidade università universität universite université univ institute institut
  instituto istituto department dept school college faculty laboratory laboratories lab labs center centre
  centro academy academia hospital clinic foundation group team division program programme unit inc corp
  corporation ltd llc gmbh co company research sciences science engineering technology technologies
  computer computing informatics mathematics statistics physics biology medicine medical national
  international federal state polytechnic polytechnique tech ai google microsoft facebook meta openai
  deepmind ibm amazon apple nvidia adobe intel baidu alibaba tencent huawei samsung yahoo twitter uber
  salesforce bytedance sony toshiba xerox labs street road avenue usa uk china germany france
  japan canada india italy spain korea australia switzerland netherlands israel singapore email e-mail
  abstract introduction keywords summary conference workshop proceedings journal symposium transactions
  paper article review preprint report technical draft submitted published accepted received editor
  the of for and in on with via using towards toward from by to at an a is are we our this that learning
  network networks neural  model models analysis system systems data method methods approach
  algorithm algorithms optimization classification recognition detection image images language
  training supervised unsupervised representation representations large scale efficient robust
  fast novel new based theory study survey framework graph graphs transformer transformers attention
  vision speech audio video text semantic generative adversarial reinforcement stochastic
  applications application problem problems estimation inference probabilistic bayesian linear
  equal contribution corresponding author authors universiteit hochschule technische technion
  politecnico stanford berkeley harvard princeton oxford cambridge tsinghua peking fudan zhejiang
  beijing shanghai shenzhen hangzhou tokyo kyoto seoul london  berlin munich zurich montreal
  montréal toronto seattle boston amsterdam edinburgh mountain view palo alto san   los
  angeles tel aviv   carnegie mellon  cornell columbia yale purdue  texas california
  illinois michigan massachusetts pennsylvania maryland wisconsin ontario quebec new south north  east
  united kingdom states republic version extended supplementary material materials appendix edition
  revised full   position invited talk tutorial chapter part volume thesis dissertation
  fulfillment requirements degree doctor master bachelor philosophy student students professor
  lecturer anonymous submission under review`
    .split(/\s+/)
    .filter(Boolean),
);

const ORG_PATTERN =
  /\b(univ\.?|universit\w*|institut\w*|department|dept\.?|school|college|faculty|laborator\w*|lab|labs|centre|center|academy|hospital|foundation|inc\.?|corp\.?|corporation|ltd\.?|llc|gmbh|research|google|microsoft|facebook|meta ai|openai|deepmind|ibm|amazon|nvidia|adobe|intel|baidu|alibaba|tencent|huawei|samsung|yahoo|polytechn\w*|ecole|école|cnrs|inria|mit|eth|epfl|usa|u\.s\.a\.)\b/i;

/** True for "Google, Inc., Mountain View", "Department of Computer Science", "MIT"... */
export function looksLikeAffiliation(text: string): boolean {
  return ORG_PATTERN.test(text);
}

/** Institution acronyms that pass for a capitalised name word ("UC Berkeley", "CMU"). */
const ORG_ACRONYMS = new Set(
  'UC UCL UCLA UCSD UCSB UCI CMU NYU KAIST ETH EPFL MIT USC UIUC UW UT HKUST CUHK HKU NUS NTU SJTU USTC ZJU PKU KTH TU TUM LMU UBC UofT CNRS INRIA MPI RIKEN NTT SRI PARC IDSIA FAIR MILA CIFAR NVIDIA IBM AI NLP ML CS EE ECE EECS CSAIL SAIL BAIR'.split(
    ' ',
  ),
);

function isParticle(token: string): boolean {
  return PARTICLES.has(token);
}

function isInitial(token: string): boolean {
  return /^(\p{Lu}\.)+$/u.test(token) || /^\p{Lu}\.?-\p{Lu}\.?$/u.test(token) || /^\p{Lu}$/u.test(token);
}

function isNameWord(token: string): boolean {
  if (NON_NAME_WORDS.has(token.toLowerCase().replace(/[.,]$/, ''))) return false;
  if (ORG_ACRONYMS.has(token.replace(/[.,]$/, ''))) return false;
  if (/\d/.test(token)) return false;
  // "LeCun", "O'Brien", "Shih-Fu", "ZOU", "d'Alché-Buc", "Jr."
  return /^(\p{Lu}|[dl]['’]\p{Lu}|Mc\p{Lu}|Mac\p{Lu})[\p{L}\p{M}'’-]*\.?$/u.test(token);
}

/** True when `text` reads as one person's name: 2-6 words, capitalised, no title or affiliation words. */
export function isPersonName(text: string): boolean {
  const tokens = text.split(/\s+/).filter(Boolean);
  if (tokens.length < 2 || tokens.length > 6) return false;
  if (ORG_PATTERN.test(text)) return false;
  if (text.replace(/[^\p{L}]/gu, '').length > 45) return false;
  let words = 0;
  for (const [i, token] of tokens.entries()) {
    if (isParticle(token) && i > 0 && i < tokens.length - 1) continue;
    if (isInitial(token)) continue;
    if (!isNameWord(token)) return false;
    words++;
  }
  if (words === 0) return false;
  const last = tokens.at(-1)!;
  return !isInitial(last) || /^\p{Lu}\p{Ll}/u.test(last);
}

/** "ZOU" -> "Zou", "SHIH-FU" -> "Shih-Fu"; mixed case and initials are left alone. */
export function fixNameCase(name: string): string {
  return name
    .split(' ')
    .map((token) => {
      const letters = token.replace(/[^\p{L}]/gu, '');
      if (letters.length < 2 || letters !== letters.toUpperCase() || token.includes('.')) return token;
      return token.toLowerCase().replace(/(^|[-'’])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
    })
    .join(' ');
}

/** Removes what surrounds names on a byline: emails, footnote marks, affiliation numbers, "IEEE Member". */
export function stripBylineNoise(text: string): string {
  return (
    text
      .replace(/\{[^}]*\}\s*@\S+/g, ' ')
      .replace(/\S+@\S+/g, ' ')
      .replace(/https?:\/\/\S+/g, ' ')
      .replace(/\((?:[^()]*)\)/g, ' ')
      .replace(/\b(?:(?:Student|Senior|Life|Graduate)\s+)?(?:Member|Fellow),?\s+(?:IEEE|ACM)\b/g, ' ')
      .replace(/\b(?:IEEE|ACM)\b/g, ' ')
      .replace(/^\s*(?:authors?|by)\s*:\s*/i, '')
      // ORCID ids and reference marks in brackets; IEEE's "1st", "2nd" author ordinals.
      .replace(/\[[^\]]*\]/g, ';')
      .replace(/\b\d+(?:st|nd|rd|th)\b/gi, ';')
      // Footnote and affiliation marks: symbols, digits and lone lowercase letters stuck to a name.
      .replace(/[*∗†‡§¶#⇤⇧⇥⋆★☆✝✉♮♯♭♠♣♥♦◦•⊥⊤✓✗✠⊕⊗°^~_|]/g, ';')
      .replace(/\d+/g, ';')
  );
}

/**
 * Splits a byline into names: "A, B, and C", "A; B & C", "A and B". Returns only parts that read
 * as names, plus how many parts were rejected (the caller decides whether the line was a byline).
 */
export function splitNames(text: string): { names: string[]; rejected: number } {
  const parts = stripBylineNoise(text)
    .split(/\s*(?:;|,|\band\b|&|\s·\s|\s{3,})\s*/)
    .map((p) =>
      p
        .replace(/\s+/g, ' ')
        .replace(/^[\s.,:·-]+|[\s,:·-]+$/g, '')
        .trim(),
    )
    .filter((p) => /\p{L}{2,}/u.test(p));
  const names: string[] = [];
  let rejected = 0;
  for (const part of parts) {
    // Affiliation letters set at full size after a name: "John Smith a", "Jane Doe b,c".
    const unmarked = part.replace(/(\s[a-h])+$/, '');
    if (isPersonName(part)) names.push(fixNameCase(part));
    else if (unmarked !== part && isPersonName(unmarked)) names.push(fixNameCase(unmarked));
    else rejected++;
  }
  return { names, rejected };
}

/** Splits a metadata author field: "A, B and C", "A; B", or "Last, First; Last, First". */
export function splitAuthorField(field: string): string[] {
  const value = field.replace(/\s+/g, ' ').trim();
  if (!value) return [];
  if (value.includes(';')) {
    return value
      .split(/\s*;\s*/)
      .map((part) => {
        const m = /^([^,]+),\s*([^,]+)$/.exec(part);
        return (m ? `${m[2]} ${m[1]}` : part).trim();
      })
      .filter(Boolean);
  }
  // A single "Last, First" is two words around one comma: keep it as one name.
  if (/^[^,]+,\s*[^,\s]+(\s+\p{Lu}\.?)*$/u.test(value) && !/\band\b/.test(value)) {
    const [last, first] = value.split(/\s*,\s*/);
    if (last && first && last.split(' ').length === 1) return [`${first} ${last}`];
  }
  return value
    .split(/\s*(?:,|\band\b|&)\s*/)
    .map((p) => p.trim())
    .filter(Boolean);
}
