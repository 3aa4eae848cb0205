import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import type { TranslatedLocale } from '../common/locales';
import type { Page } from '../common/pagination.dto';
import type { Db } from '../database/transactions';
import { Agency } from './agency.entity';
import type { AgencyKind } from './agency-kind';

/** An agency's official name in the other five languages of the UN (its English name is `name`). */
export type AgencyNames = Partial<Record<TranslatedLocale, string>>;

@Injectable()
export class AgenciesRepository {
  async list(db: Db, filter: { kind?: AgencyKind; limit: number; offset: number }): Promise<Page<Agency>> {
    const [items, total] = await db.getRepository(Agency).findAndCount({
      where: { archivedAt: IsNull(), ...(filter.kind ? { kind: filter.kind } : {}) },
      order: { code: 'ASC' },
      take: filter.limit,
      skip: filter.offset,
    });
    return { items, total };
  }

  findById(db: Db, id: string): Promise<Agency | null> {
    return db.getRepository(Agency).findOneBy({ id });
  }

  /** Agencies by code, for resolving `leadAgencies: ['FAO']`; unknown codes are simply absent. */
  findByCodes(db: Db, codes: readonly string[]): Promise<Agency[]> {
    if (codes.length === 0) return Promise.resolve([]);
    return db.getRepository(Agency).createQueryBuilder('a').where('a.code IN (:...codes)', { codes }).getMany();
  }

  insert(db: Db, agency: { code: string; name: string; kind: AgencyKind }): Promise<Agency> {
    const repository = db.getRepository(Agency);
    return repository.save(repository.create({ ...agency, version: 1, archivedAt: null }));
  }

  /** The names of these agencies in the other languages, in one query. */
  async namesOf(db: Db, agencyIds: readonly string[]): Promise<Map<string, AgencyNames>> {
    const names = new Map<string, AgencyNames>(agencyIds.map((id) => [id, {}]));
    if (agencyIds.length === 0) return names;
    const rows: { agencyId: string; locale: TranslatedLocale; name: string }[] = await db.query(
      `SELECT agency_id AS "agencyId", locale, name FROM agency_names WHERE agency_id = ANY ($1) ORDER BY locale`,
      [agencyIds],
    );
    for (const row of rows) names.get(row.agencyId)![row.locale] = row.name;
    return names;
  }

  /** Sets the names given; an empty string takes that language's name away (English is then shown). */
  async setNames(db: Db, agencyId: string, names: AgencyNames): Promise<void> {
    for (const [locale, name] of Object.entries(names)) {
      if (name === undefined) continue;
      if (name === '') {
        await db.query('DELETE FROM agency_names WHERE agency_id = $1 AND locale = $2', [agencyId, locale]);
      } else {
        await db.query(
          `INSERT INTO agency_names (agency_id, locale, name) VALUES ($1, $2, $3)
           ON CONFLICT (agency_id, locale) DO UPDATE SET name = excluded.name`,
          [agencyId, locale, name],
        );
      }
    }
  }
}
