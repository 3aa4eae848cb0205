import { Injectable } from '@nestjs/common';
import { AgenciesRepository } from '../../agencies/agencies.repository';
import { AuditTrail } from '../../audit/audit.service';
import { NotFoundError, StaleVersionError } from '../../common/errors';
import { authorize } from '../../common/policy';
import type { Principal } from '../../common/principal';
import { AppConfig } from '../../config/app-config';
import { type Db, Transactions } from '../../database/transactions';
import { ProviderClients } from './provider-clients';
import { type StoredAgencySso, SsoSettingsRepository } from './sso-settings.repository';
import type { AgencySsoDto } from './sso.dto';
import type { AgencySsoResponse, SsoConnectionCheckResponse } from './sso.responses';

/** Where the providers send people back: what the secretariat registers at each provider. */
export const SSO_CALLBACK_PATH = '/api/auth/sso/callback';

/**
 * An agency's single sign-on settings: the secretariat writes them (checked against the provider's discovery document
 * before anything is stored), the agency's focal points read them. The client secret is sealed and never answered.
 * Every change is audited, without the secret.
 */
@Injectable()
export class SsoSettings {
  constructor(
    private readonly config: AppConfig,
    private readonly transactions: Transactions,
    private readonly agencies: AgenciesRepository,
    private readonly settings: SsoSettingsRepository,
    private readonly clients: ProviderClients,
    private readonly audit: AuditTrail,
  ) {}

  async get(user: Principal, agencyId: string): Promise<AgencySsoResponse> {
    const agency = await this.agencyOf(this.transactions.db, agencyId);
    authorize(user, 'agency.readSso', { agencyId: agency.id, agencyCode: agency.code });
    const stored = await this.settings.find(this.transactions.db, agencyId);
    if (!stored) throw new NotFoundError('single sign-on setting of agency', agencyId);
    return this.view(stored);
  }

  /** Creates or replaces the settings; a secret left out keeps the stored one. */
  async put(user: Principal, agencyId: string, dto: AgencySsoDto, ip: string | undefined): Promise<AgencySsoResponse> {
    authorize(user, 'agency.manage', null);
    const agency = await this.agencyOf(this.transactions.db, agencyId);
    const issuer = dto.issuer.replace(/\/+$/, '');
    const emailDomains = [...new Set(dto.emailDomains)].sort();
    const existing = await this.settings.find(this.transactions.db, agencyId);
    // Checked before the provider is asked (and again under the lock): a stale form does not wait for a provider.
    if (existing && dto.version !== undefined && dto.version !== existing.version) {
      throw new StaleVersionError('single sign-on setting', agencyId, dto.version, existing.version);
    }
    const secret = dto.clientSecret ?? (existing?.clientSecretCiphertext ? this.clients.secrets.open(existing.clientSecretCiphertext) : null);
    // Outside the transaction: the provider may take seconds to answer, and nothing is locked meanwhile.
    await this.clients.validate(issuer, dto.clientId, secret);
    await this.transactions.run(async (tx) => {
      const current = await this.settings.find(tx, agencyId, { lock: true });
      if (current && dto.version !== undefined && dto.version !== current.version) {
        throw new StaleVersionError('single sign-on setting', agencyId, dto.version, current.version);
      }
      const write = {
        issuer,
        clientId: dto.clientId,
        clientSecretCiphertext: dto.clientSecret !== undefined ? this.clients.secrets.seal(dto.clientSecret) : (current?.clientSecretCiphertext ?? null),
        emailDomains,
        passwordLogin: dto.passwordLogin,
        defaultRole: dto.defaultRole,
        updatedBy: user.userId,
      };
      if (current) await this.settings.update(tx, agencyId, write);
      else await this.settings.insert(tx, agencyId, write);
      await this.audit.record(
        {
          action: 'sso.configured',
          actorUserId: user.userId,
          agencyId,
          ip,
          details: {
            agency: agency.code,
            issuer,
            clientId: dto.clientId,
            emailDomains,
            passwordLogin: dto.passwordLogin,
            defaultRole: dto.defaultRole,
            clientSecretChanged: dto.clientSecret !== undefined,
            ...(current && {
              before: { issuer: current.issuer, clientId: current.clientId, emailDomains: current.emailDomains, passwordLogin: current.passwordLogin },
            }),
          },
        },
        tx,
      );
    });
    return this.view((await this.settings.find(this.transactions.db, agencyId))!);
  }

  async remove(user: Principal, agencyId: string, ip: string | undefined): Promise<void> {
    authorize(user, 'agency.manage', null);
    const agency = await this.agencyOf(this.transactions.db, agencyId);
    await this.transactions.run(async (tx) => {
      const current = await this.settings.find(tx, agencyId, { lock: true });
      if (!current || !(await this.settings.delete(tx, agencyId))) throw new NotFoundError('single sign-on setting of agency', agencyId);
      await this.audit.record(
        { action: 'sso.removed', actorUserId: user.userId, agencyId, ip, details: { agency: agency.code, issuer: current.issuer, clientId: current.clientId } },
        tx,
      );
    });
  }

  /** "Test the connection": the stored settings' provider answers its discovery document now. */
  async check(user: Principal, agencyId: string): Promise<SsoConnectionCheckResponse> {
    authorize(user, 'agency.manage', null);
    await this.agencyOf(this.transactions.db, agencyId);
    const stored = await this.settings.find(this.transactions.db, agencyId);
    if (!stored) throw new NotFoundError('single sign-on setting of agency', agencyId);
    const secret = stored.clientSecretCiphertext ? this.clients.secrets.open(stored.clientSecretCiphertext) : null;
    const metadata = (await this.clients.validate(stored.issuer, stored.clientId, secret)).serverMetadata();
    return { ok: true, issuer: metadata.issuer, authorizationEndpoint: metadata.authorization_endpoint!, tokenEndpoint: metadata.token_endpoint! };
  }

  private async agencyOf(db: Db, agencyId: string) {
    const agency = await this.agencies.findById(db, agencyId);
    if (!agency) throw new NotFoundError('agency', agencyId);
    return agency;
  }

  private view(stored: StoredAgencySso): AgencySsoResponse {
    return {
      agencyId: stored.agencyId,
      issuer: stored.issuer,
      clientId: stored.clientId,
      clientSecretSet: stored.clientSecretCiphertext !== null,
      emailDomains: stored.emailDomains,
      passwordLogin: stored.passwordLogin,
      defaultRole: stored.defaultRole,
      redirectUri: `${this.config.publicUrl}${SSO_CALLBACK_PATH}`,
      version: stored.version,
      updatedAt: stored.updatedAt,
    };
  }
}
