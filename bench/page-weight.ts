/**
 * What a page costs the browser to load: every script and stylesheet Chromium fetches while the page opens, gzipped
 * as the server would send them over a slow link. Shared by `npm run bench:web` and the browser test of the budget.
 */
import { gzipSync } from 'node:zlib';
import type { Page, Response } from 'playwright-core';

export interface LoadedAsset {
  url: string;
  type: 'script' | 'stylesheet';
  gzipBytes: number;
  /** What the server sent for it (compressed as it was sent: brotli where the browser takes it). */
  sentBytes: number;
}

/**
 * Runs `open` (a navigation, a click) and returns the scripts and stylesheets fetched from the server until `ready`
 * resolves and the network has been quiet for a moment.
 */
export async function assetsLoadedBy(page: Page, open: () => Promise<unknown>, ready: () => Promise<unknown>): Promise<LoadedAsset[]> {
  const bodies: Promise<LoadedAsset | null>[] = [];
  const listener = (response: Response) => {
    const type = response.request().resourceType();
    if (type !== 'script' && type !== 'stylesheet') return;
    bodies.push(
      Promise.all([response.body(), response.request().sizes()]).then(
        ([body, sizes]) => ({ url: new URL(response.url()).pathname, type, gzipBytes: gzipSync(body, { level: 9 }).length, sentBytes: sizes.responseBodySize }),
        () => null,
      ),
    );
  };
  page.on('response', listener);
  try {
    await open();
    await ready();
    await page.waitForLoadState('networkidle');
  } finally {
    page.off('response', listener);
  }
  return (await Promise.all(bodies)).filter((asset): asset is LoadedAsset => asset !== null);
}

export function kilobytes(assets: LoadedAsset[], measure: 'gzipBytes' | 'sentBytes' = 'gzipBytes'): number {
  return assets.reduce((sum, asset) => sum + asset[measure], 0) / 1000;
}
