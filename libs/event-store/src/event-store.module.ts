import { type DynamicModule, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventStore } from './event-store';

/** Options of EventStoreModule.forRoot. */
export interface EventStoreModuleOptions {
  /** A DataSource from createRetraceDataSource; initialized here if it is not yet. */
  dataSource: DataSource;
}

/** Provides the DataSource and the EventStore to the module that imports it. */
@Module({})
export class EventStoreModule {
  static forRoot(options: EventStoreModuleOptions): DynamicModule {
    return {
      module: EventStoreModule,
      global: false,
      providers: [
        {
          provide: DataSource,
          useFactory: async (): Promise<DataSource> =>
            options.dataSource.isInitialized ? options.dataSource : options.dataSource.initialize(),
        },
        { provide: EventStore, useFactory: (dataSource: DataSource) => new EventStore(dataSource), inject: [DataSource] },
      ],
      exports: [DataSource, EventStore],
    };
  }
}
