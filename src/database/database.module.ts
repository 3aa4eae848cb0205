import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from './data-source';
import { DATABASE_URL, PgNotifications } from './notifications';
import { Transactions } from './transactions';

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(url: string): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [TypeOrmModule.forRoot(dataSourceOptions(url))],
      providers: [Transactions, PgNotifications, { provide: DATABASE_URL, useValue: url }],
      exports: [Transactions, PgNotifications],
    };
  }
}
