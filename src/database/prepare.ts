import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source';
import { loadDemoData } from './demo/load-demo-data';
import { migrate } from './migrate';

export interface Prepared {
  migrations: string[];
  demoLoaded: boolean;
}

/** Brings a database up to date before the app opens it, and loads the demo data when asked (once). */
export async function prepareDatabase(url: string, demo: { password: string } | null): Promise<Prepared> {
  const dataSource = await new DataSource(dataSourceOptions(url, 2)).initialize();
  try {
    const migrations = await migrate(dataSource);
    const demoLoaded = demo ? await loadDemoData(dataSource, demo.password) : false;
    return { migrations, demoLoaded };
  } finally {
    await dataSource.destroy();
  }
}
