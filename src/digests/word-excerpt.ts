import { diffWords } from 'diff';

export interface ExcerptPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

export interface WordExcerpt {
  wordsAdded: number;
  wordsRemoved: number;
  parts: ExcerptPart[];
  /** True when the excerpt leaves changes out for length. */
  truncated: boolean;
}

const CONTEXT_WORDS = 6;
const count = (text: string) => text.split(/\s+/).filter(Boolean).length;

/**
 * What changed between two texts, word by word, as a short excerpt: each change with a few words of context around
 * it, at most `maxChars` characters of changed and context text in all (a changed run is cut with "…").
 */
export function wordExcerpt(before: string, after: string, maxChars = 400): WordExcerpt {
  const changes = diffWords(before, after);
  let wordsAdded = 0;
  let wordsRemoved = 0;
  for (const part of changes) {
    if (part.added) wordsAdded += count(part.value);
    else if (part.removed) wordsRemoved += count(part.value);
  }
  const parts: ExcerptPart[] = [];
  let budget = maxChars;
  let truncated = false;
  const push = (kind: ExcerptPart['kind'], text: string) => {
    if (text.length === 0) return;
    const last = parts[parts.length - 1];
    if (last?.kind === kind) last.text += text;
    else parts.push({ kind, text });
    budget -= text.length;
  };
  changes.forEach((part, i) => {
    if (truncated) return;
    if (part.added || part.removed) {
      const kind = part.added ? 'added' : 'removed';
      if (part.value.length > budget) {
        push(kind, `${part.value.slice(0, Math.max(budget, 20)).trimEnd()}…`);
        truncated = true;
        return;
      }
      push(kind, part.value);
      return;
    }
    // Unchanged text: keep a few words after the previous change and before the next one.
    const words = part.value.split(/(\s+)/);
    const hasPrevious = i > 0;
    const hasNext = i < changes.length - 1;
    const lead = hasPrevious ? words.slice(0, CONTEXT_WORDS * 2).join('') : '';
    const tail = hasNext ? words.slice(-CONTEXT_WORDS * 2).join('') : '';
    if (lead.length + tail.length >= part.value.length) push('same', part.value);
    else {
      push('same', lead);
      if (hasPrevious || hasNext) push('same', `${lead && tail ? ' … ' : '… '}`);
      push('same', tail);
    }
    if (budget <= 0 && hasNext) truncated = true;
  });
  return { wordsAdded, wordsRemoved, parts, truncated };
}
