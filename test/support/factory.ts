import { randomBytes } from 'node:crypto';
import { type DataSource } from 'typeorm';
import { hashPassword } from '../../src/accounts/passwords';
import { type Role, SECOND_FACTOR_REQUIRED_ROLES } from '../../src/accounts/role';
import { newRecoveryCodes, newTotpSecret, TotpSecretBox } from '../../src/accounts/totp';
import { AppConfig } from '../../src/config/app-config';
import { User } from '../../src/accounts/user.entity';
import { Agency } from '../../src/agencies/agency.entity';
import type { AgencyKind } from '../../src/agencies/agency-kind';
import { DocumentsRepository } from '../../src/documents/documents.repository';
import { Commitment, CommitmentAgency } from '../../src/frameworks/commitment.entity';
import type { CommitmentStatus, FrameworkKind } from '../../src/frameworks/domain';
import { Framework } from '../../src/frameworks/framework.entity';
import { Indicator } from '../../src/frameworks/indicator.entity';
import { ActivityReport } from '../../src/reporting/activity-report.entity';
import type { ActivityReportState } from '../../src/reporting/activity-report-state';
import { ReportingCycle } from '../../src/reporting/reporting-cycle.entity';

/** What a user enrolled in two-factor sign-in holds: the app's secret, the recovery codes not yet spent. */
export interface EnrolledSecondFactor {
  secret: string;
  recoveryCodes: string[];
  /** The last time step whose code this user's tests used (the server accepts each step once). */
  lastStep: number;
}

const unique = () => randomBytes(3).toString('hex').toUpperCase();

/**
 * Named builders of test data over the real database: `factory.agency('FAO')`,
 * `factory.user({ agency: 'WFP', role: 'focal_point' })`, `factory.commitment({ lead: ['FAO'], contributing: ['WFP'] })`.
 * Agencies are referred to by code; one is created the first time a code is named.
 */
export class Factory {
  static readonly PASSWORD = 'correct horse battery staple';
  private static passwordHash: Promise<string> | undefined;
  private static readonly secondFactors = new Map<string, EnrolledSecondFactor>();
  private readonly documents = new DocumentsRepository();

  /** `twoFactorKey`: the app's TWO_FACTOR_KEY (the test configuration's unless a test sets its own). */
  constructor(
    private readonly dataSource: DataSource,
    private readonly twoFactorKey: string = AppConfig.fromEnvironment({}, { NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0' }).twoFactorKey,
  ) {}

  async agency(code: string = `AG${unique()}`, kind: AgencyKind = 'specialized_agency'): Promise<Agency> {
    const repository = this.dataSource.getRepository(Agency);
    const existing = await repository.findOneBy({ code });
    if (existing) return existing;
    return repository.save(repository.create({ code, name: `${code} (test agency)`, kind, version: 1, archivedAt: null }));
  }

  /**
   * A user who can sign in with Factory.PASSWORD. `secondFactor` (by default: where the role requires it) enrols an
   * authenticator app, whose secret and recovery codes `secondFactorOf` gives, as the user would have them.
   */
  async user(options: { agency?: string; role?: Role; email?: string; active?: boolean; secondFactor?: boolean } = {}): Promise<User> {
    const agency = await this.agency(options.agency ?? (options.role === 'secretariat' ? 'CEB' : undefined));
    const role = options.role ?? 'staff';
    Factory.passwordHash ??= hashPassword(Factory.PASSWORD);
    const repository = this.dataSource.getRepository(User);
    const email = options.email ?? `${role}.${unique().toLowerCase()}@${agency.code.toLowerCase()}.test`;
    const user = await repository.save(
      repository.create({
        email,
        displayName: `${agency.code} ${role} ${email.split('@')[0]}`,
        agencyId: agency.id,
        role,
        passwordHash: await Factory.passwordHash,
        active: options.active ?? true,
        demo: false,
        version: 1,
      }),
    );
    if (options.secondFactor ?? SECOND_FACTOR_REQUIRED_ROLES.includes(role)) await this.enrolSecondFactor(user);
    return user;
  }

  /** Turns on two-factor sign-in for the user, as if they had scanned the QR code and confirmed a first code. */
  async enrolSecondFactor(user: User): Promise<EnrolledSecondFactor> {
    const secret = newTotpSecret();
    const { codes, hashes } = newRecoveryCodes();
    await this.dataSource.query(
      `INSERT INTO user_second_factors (user_id, secret_ciphertext, confirmed_at) VALUES ($1, $2, now())
       ON CONFLICT (user_id) DO UPDATE SET secret_ciphertext = EXCLUDED.secret_ciphertext, confirmed_at = now(), last_used_step = 0`,
      [user.id, new TotpSecretBox(this.twoFactorKey).seal(secret)],
    );
    await this.dataSource.query(`DELETE FROM recovery_codes WHERE user_id = $1`, [user.id]);
    await this.dataSource.query(`INSERT INTO recovery_codes (user_id, code_hash) SELECT $1, unnest($2::char(64)[])`, [user.id, hashes]);
    const enrolled = { secret, recoveryCodes: codes, lastStep: 0 };
    Factory.secondFactors.set(user.email, enrolled);
    return enrolled;
  }

  /** The authenticator app and recovery codes of a user the factory enrolled (undefined for the others). */
  static secondFactorOf(email: string): EnrolledSecondFactor | undefined {
    return Factory.secondFactors.get(email.trim().toLowerCase());
  }

  /** A pending invitation into `agency` sent by `invitedBy` (its link's secret is not kept: nobody accepts it). */
  async invitation(options: { agency: string; invitedBy: User; role?: Role }): Promise<{ id: string; email: string }> {
    const agency = await this.agency(options.agency);
    const email = `invited.${unique().toLowerCase()}@${agency.code.toLowerCase()}.test`;
    const [row]: { id: string }[] = await this.dataSource.query(
      `INSERT INTO invitations (agency_id, email, display_name, role, token_hash, invited_by, expires_at)
       VALUES ($1, $2, 'Invited by the factory', $3, $4, $5, now() + interval '7 days') RETURNING id`,
      [agency.id, email, options.role ?? 'staff', randomBytes(32).toString('hex'), options.invitedBy.id],
    );
    return { id: row.id, email };
  }

  /** A live API token of the user (its secret is not kept: the test only manages it). */
  async apiToken(user: User): Promise<{ id: string }> {
    const [row]: { id: string }[] = await this.dataSource.query(
      `INSERT INTO api_tokens (user_id, name, token_hash) VALUES ($1, 'Made by the factory', $2) RETURNING id`,
      [user.id, randomBytes(32).toString('hex')],
    );
    return row;
  }

  /** Deactivates the user, as a focal point or the secretariat would; sessions already open are not touched. */
  async deactivate(user: User): Promise<void> {
    await this.dataSource.getRepository(User).update({ id: user.id }, { active: false, version: () => 'version + 1' });
  }

  async framework(options: { code?: string; kind?: FrameworkKind; title?: string } = {}): Promise<Framework> {
    const repository = this.dataSource.getRepository(Framework);
    return repository.save(
      repository.create({
        code: options.code ?? `FW-${unique()}`,
        kind: options.kind ?? 'programme',
        title: options.title ?? 'Test framework',
        description: '',
        country: null,
        version: 1,
        archivedAt: null,
      }),
    );
  }

  async commitment(options: {
    framework?: Framework;
    reference?: string;
    lead?: string[];
    contributing?: string[];
    status?: CommitmentStatus;
    dueDate?: string | null;
  } = {}): Promise<Commitment> {
    const framework = options.framework ?? (await this.framework());
    return this.dataSource.transaction(async (tx) => {
      const repository = tx.getRepository(Commitment);
      const commitment = await repository.save(
        repository.create({
          frameworkId: framework.id,
          reference: options.reference ?? `C-${unique()}`,
          title: 'Test commitment',
          description: '',
          status: options.status ?? 'not_started',
          dueDate: options.dueDate ?? null,
          reportDocumentId: await this.documents.create(tx, 'commitment_report'),
          version: 1,
          archivedAt: null,
        }),
      );
      const participants = [
        ...(options.lead ?? []).map((code) => [code, 'lead'] as const),
        ...(options.contributing ?? []).map((code) => [code, 'contributing'] as const),
      ];
      for (const [code, participation] of participants) {
        const agency = await this.agency(code);
        await tx.getRepository(CommitmentAgency).insert({ commitmentId: commitment.id, agencyId: agency.id, participation });
      }
      return commitment;
    });
  }

  async indicator(commitment: Commitment, options: { name?: string; target?: number } = {}): Promise<Indicator> {
    const repository = this.dataSource.getRepository(Indicator);
    return repository.save(
      repository.create({
        commitmentId: commitment.id,
        name: options.name ?? `Indicator ${unique()}`,
        unit: 'entities',
        baseline: 0,
        target: options.target ?? 20,
        targetDate: '2010-12-31',
        version: 1,
        archivedAt: null,
      }),
    );
  }

  async cycle(framework: Framework | string, options: { label?: string; opensOn?: string; dueOn?: string; closesOn?: string } = {}): Promise<ReportingCycle> {
    const frameworkId = typeof framework === 'string' ? framework : framework.id;
    const repository = this.dataSource.getRepository(ReportingCycle);
    return repository.save(
      repository.create({
        frameworkId,
        label: options.label ?? `C-${unique()}`,
        opensOn: options.opensOn ?? '2026-01-01',
        dueOn: options.dueOn ?? '2099-06-30',
        closesOn: options.closesOn ?? '2099-07-31',
        version: 1,
        archivedAt: null,
      }),
    );
  }

  async activityReport(options: { commitment: Commitment; cycle: ReportingCycle; agency: string; state?: ActivityReportState; by?: User }): Promise<ActivityReport> {
    const agency = await this.agency(options.agency);
    const author = options.by ?? (await this.user({ agency: options.agency, role: 'focal_point' }));
    const state = options.state ?? 'draft';
    return this.dataSource.transaction(async (tx) => {
      const repository = tx.getRepository(ActivityReport);
      return repository.save(
        repository.create({
          commitmentId: options.commitment.id,
          agencyId: agency.id,
          cycleId: options.cycle.id,
          state,
          summary: '',
          documentId: await this.documents.create(tx, 'activity_narrative'),
          returnReason: state === 'returned' ? 'Please add the indicator values.' : null,
          submittedAt: state === 'draft' ? null : new Date(),
          submittedBy: state === 'draft' ? null : author.id,
          decidedAt: null,
          decidedBy: null,
          createdBy: author.id,
          version: 1,
        }),
      );
    });
  }
}
