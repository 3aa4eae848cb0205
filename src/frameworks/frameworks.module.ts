import { Module } from '@nestjs/common';
import { AgenciesModule } from '../agencies/agencies.module';
import { ChangesModule } from '../changes/changes.module';
import { DocumentsModule } from '../documents/documents.module';
import { CommitmentReportRules } from './commitment-report.rules';
import { CommitmentsRepository } from './commitments.repository';
import { CommitmentsService } from './commitments.service';
import { CommitmentsController, FrameworksController, IndicatorsController } from './frameworks.controller';
import { FrameworksRepository } from './frameworks.repository';
import { FrameworksService } from './frameworks.service';
import { IndicatorsRepository } from './indicators.repository';
import { IndicatorsService } from './indicators.service';

@Module({
  imports: [AgenciesModule, ChangesModule, DocumentsModule],
  controllers: [FrameworksController, CommitmentsController, IndicatorsController],
  providers: [CommitmentReportRules, FrameworksRepository, FrameworksService, CommitmentsRepository, CommitmentsService, IndicatorsRepository, IndicatorsService],
  exports: [FrameworksRepository, CommitmentsRepository, IndicatorsRepository],
})
export class FrameworksModule {}
