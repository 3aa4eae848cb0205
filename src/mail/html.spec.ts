import { escapeHtml, html } from './html';

describe('html templates', () => {
  it('escapes interpolated text, attributes included', () => {
    const hostile = '"><img src=x onerror=alert(1)><script>alert(2)</script>';
    const out = html`<a title="${hostile}">${hostile}</a>`.value;
    expect(out).not.toContain('<script>');
    expect(out).not.toContain('<img');
    expect(out).toBe(`<a title="${escapeHtml(hostile)}">${escapeHtml(hostile)}</a>`);
    expect(out).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
  });

  it('nests templates and lists without escaping them twice', () => {
    const items = ['a&b', '<c>'].map((t) => html`<li>${t}</li>`);
    expect(html`<ul>${items}</ul>`.value).toBe('<ul><li>a&amp;b</li><li>&lt;c&gt;</li></ul>');
  });
});
