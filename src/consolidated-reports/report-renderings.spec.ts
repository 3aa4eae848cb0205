import { PNG } from 'pngjs';
import { chartHeight, indicatorPng, indicatorSvg } from './report-charts';
import { composition } from '../../test/support/report-composition';
import { paragraphs } from './report-composition';
import { renderHtml } from './report-html';
import { REPORT_TEXTS } from './report-texts';
import { compositionText, pendingSentence } from './report-words';


describe('the consolidated report renderings', () => {
  it('escapes every text people wrote in the HTML, charts included', () => {
    const html = renderHtml(composition, 'en');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('<b>supported</b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &lt;/w:t&gt; ${x} &amp; &quot;quoted&quot;');
    expect(indicatorSvg(composition.commitments[0].indicators[0], REPORT_TEXTS.en)).toContain('aria-label="Countries &lt;b&gt;supported&lt;/b&gt;: baseline');
  });

  it('names the agencies that have not delivered, and counts each agency once per state', () => {
    expect(composition.commitments[0].agencies.slice(1).map((agency) => pendingSentence(agency, REPORT_TEXTS.en))).toEqual([
      'FAO: report returned (Add the figures.).',
      'UNIDO: report overdue, not submitted by the due date.',
    ]);
    expect(composition.tallies.map((t) => [t.agency, t.counts.accepted, t.counts.returned, t.counts.overdue])).toEqual([
      ['FAO', 0, 1, 0],
      ['UNIDO', 0, 0, 1],
      ['WTO', 1, 0, 0],
    ]);
    expect(compositionText(composition)).toContain('No agency has started reporting in this cycle on 1 of the framework\'s commitments: BPoA-6.');
  });

  it("writes the report's own words in the language asked for, right to left in Arabic, and people's text as they wrote it", () => {
    const french = renderHtml(composition, 'fr');
    expect(french).toContain('<html lang="fr" dir="ltr">');
    expect(french).toContain('<h2 id="summary">Résumé analytique</h2>');
    expect(french).toContain('FAO\u00a0: rapport renvoyé (Add the figures.).');
    expect(french).toContain('31 juillet 2007');
    const arabic = renderHtml(composition, 'ar');
    expect(arabic).toContain('<html lang="ar" dir="rtl">');
    expect(arabic).toContain('<h2 id="summary">موجز تنفيذي</h2>');
    expect(arabic).toContain('Trade capacity was built in 12 countries.');
    expect(arabic).not.toContain('Executive summary');
  });

  it('splits text into paragraphs and draws the chart as a PNG too', () => {
    expect(paragraphs('First\n\n  Second  \n')).toEqual(['First', 'Second']);
    const indicator = composition.commitments[0].indicators[0];
    const image = PNG.sync.read(indicatorPng(indicator));
    expect([image.width, image.height]).toEqual([480, chartHeight(indicator)]);
    const colour = (x: number, y: number) => `#${[0, 1, 2].map((c) => image.data[(y * image.width + x) * 4 + c].toString(16).padStart(2, '0')).join('')}`;
    // Baseline 0: no bar. Target 20, the largest value: blue over the whole bar area (270 px after the 150 px of
    // labels); latest 12 in green and FAO's 12 in orange, three fifths as long; white between the bars and around.
    expect(colour(151, 8)).toBe('#ffffff');
    expect([colour(150, 30), colour(419, 30), colour(420, 30)]).toEqual(['#1c7ed6', '#1c7ed6', '#ffffff']);
    expect(colour(151, 41)).toBe('#ffffff');
    expect([colour(150, 50), colour(311, 50), colour(312, 50)]).toEqual(['#2f9e44', '#2f9e44', '#ffffff']);
    expect(colour(151, 70)).toBe('#f08c00');
    expect(colour(10, 30)).toBe('#ffffff');
  });
});
