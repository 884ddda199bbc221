// The API as a Nest module: the write side (CommandBus and handlers) it sends commands to,
// and the health routes. GraphQL itself is mounted on the same express instance by
// create-http-server.ts.
import { Module, type DynamicModule } from '@nestjs/common';
import { HEALTH_DEPENDENCIES, HealthController, type HealthDependencies } from './health.controller.js';

@Module({})
export class ApiModule {
  static forRoot(writeSide: DynamicModule, health: HealthDependencies): DynamicModule {
    return {
      module: ApiModule,
      imports: [writeSide],
      controllers: [HealthController],
      providers: [{ provide: HEALTH_DEPENDENCIES, useValue: health }],
    };
  }
}
