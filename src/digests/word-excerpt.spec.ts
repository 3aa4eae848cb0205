import { wordExcerpt } from './word-excerpt';

describe('word excerpt', () => {
  it('counts and shows the words added and removed with context', () => {
    const excerpt = wordExcerpt('Schools in the north received meals.', 'Schools in the north and east received hot meals.');
    expect(excerpt.wordsAdded).toBe(3);
    expect(excerpt.wordsRemoved).toBe(0);
    expect(excerpt.parts.filter((p) => p.kind === 'added').map((p) => p.text.trim())).toEqual(['and east', 'hot']);
    expect(excerpt.truncated).toBe(false);
  });

  it('stays within its bound however long the change', () => {
    const long = Array.from({ length: 2000 }, (_, i) => `word${i}`).join(' ');
    const excerpt = wordExcerpt('', long, 400);
    const length = excerpt.parts.reduce((n, p) => n + p.text.length, 0);
    expect(length).toBeLessThanOrEqual(401);
    expect(excerpt.truncated).toBe(true);
    expect(excerpt.wordsAdded).toBe(2000);
  });

  it('drops the middle of long unchanged text', () => {
    const same = Array.from({ length: 100 }, (_, i) => `w${i}`).join(' ');
    const excerpt = wordExcerpt(`start ${same} end`, `begin ${same} finish`);
    const text = excerpt.parts.map((p) => p.text).join('');
    expect(text).toContain('…');
    expect(text).not.toContain('w50 ');
  });
});
