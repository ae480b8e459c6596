// `{short-name}` of a scratchpad: lowercase ASCII kebab-case, at most 40 characters, from the
// issue title. Pure.

const SPECIAL: Record<string, string> = {
  ß: 'ss', ẞ: 'ss', æ: 'ae', Æ: 'ae', œ: 'oe', Œ: 'oe', ø: 'o', Ø: 'o', đ: 'd', Đ: 'd', ð: 'd', Ð: 'd',
  þ: 'th', Þ: 'th', ł: 'l', Ł: 'l', ı: 'i', ħ: 'h', Ħ: 'h', ŋ: 'ng', Ŋ: 'ng', ŧ: 't', Ŧ: 't',
  '&': ' and ', '@': ' at ', '+': ' plus ',
};

// Cyrillic and Greek, the common non-Latin scripts with an agreed simple transliteration.
const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', і: 'i', ї: 'yi', є: 'ye', ґ: 'g',
};
const GREEK: Record<string, string> = {
  α: 'a', β: 'v', γ: 'g', δ: 'd', ε: 'e', ζ: 'z', η: 'i', θ: 'th', ι: 'i', κ: 'k', λ: 'l', μ: 'm', ν: 'n', ξ: 'x',
  ο: 'o', π: 'p', ρ: 'r', σ: 's', ς: 's', τ: 't', υ: 'y', φ: 'f', χ: 'ch', ψ: 'ps', ω: 'o',
};

export const MAX_SHORT_NAME = 40;

function transliterate(ch: string): string {
  if (ch in SPECIAL) return SPECIAL[ch]!;
  const lower = ch.toLowerCase();
  if (lower in CYRILLIC) return CYRILLIC[lower]!;
  if (lower in GREEK) return GREEK[lower]!;
  return ch;
}

/** Lowercase ASCII kebab-case of a title, cut at a word boundary to at most `max` characters. */
export function slugify(title: string, max = MAX_SHORT_NAME): string {
  const decomposed = title.normalize('NFKD').replace(/\p{M}+/gu, '');
  let ascii = '';
  for (const ch of decomposed) ascii += transliterate(ch.normalize('NFKD').replace(/\p{M}+/gu, ''));
  const words = ascii
    .toLowerCase()
    .replace(/['’`]/g, '') // don't → dont
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '');
  let out = '';
  for (const w of words) {
    const next = out ? `${out}-${w}` : w;
    if (next.length > max) {
      if (!out) out = w.slice(0, max); // a single word longer than the limit is cut
      break;
    }
    out = next;
  }
  return out;
}

/** Whether a short name is already lowercase ASCII kebab-case within the limit. */
export function isValidShortName(name: string): boolean {
  return name.length > 0 && name.length <= MAX_SHORT_NAME && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(name);
}
