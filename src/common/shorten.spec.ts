import { shorten } from './shorten';

describe('shorten', () => {
  it('keeps a short text whole, on one line', () => {
    expect(shorten('  The school feeding plan\nis agreed.  ', 120)).toBe('The school feeding plan is agreed.');
  });

  it('cuts a long text to the limit, the ellipsis included', () => {
    const cut = shorten('a'.repeat(200), 120);
    expect(cut).toHaveLength(120);
    expect(cut.endsWith('a…')).toBe(true);
  });

  it('never cuts a character in two', () => {
    // 118 letters, then an emoji (two UTF-16 units) across the cut.
    const cut = shorten(`${'a'.repeat(118)}🌾 and the rest`, 120);
    expect(cut).toBe(`${'a'.repeat(118)}…`);
    expect(Buffer.from(cut, 'utf8').toString('utf8')).toBe(cut);
  });
});
