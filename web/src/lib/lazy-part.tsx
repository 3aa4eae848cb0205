import { type ComponentType, lazy } from 'react';
import { loadAllErrorMessages } from './errors';
import { loadAllMessages } from './i18n';

/**
 * A part of the client loaded when it is first shown (each page, the signed-in shell): its chunk, the messages and
 * error codes the login page does not use, and the query cache (lib/query-client.tsx), which it renders inside. None
 * of that is in the first load, which shows the login page only (issue #14). React.lazy rather than the router's
 * `lazy`, so that a page behind the login is not fetched while the login form shows.
 */
export function lazyPart<K extends string, P extends object>(load: () => Promise<Record<K, ComponentType<P>>>, name: K) {
  return lazy(async (): Promise<{ default: ComponentType<P> }> => {
    const [module, { QueryRoot }] = await Promise.all([load(), import('./query-client'), loadAllMessages(), loadAllErrorMessages()]);
    const Part: ComponentType<P> = module[name];
    return {
      default: (props: P) => (
        <QueryRoot>
          <Part {...props} />
        </QueryRoot>
      ),
    };
  });
}
