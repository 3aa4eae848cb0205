import { LOCALES, type Locale } from '../common/locales';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PageQuery, VersionedUpdate } from '../common/pagination.dto';
import { IsOmittable } from '../common/validation';

/** The longest comment, in characters. */
export const MAX_COMMENT_CHARS = 10_000;
export const MAX_QUOTE_CHARS = 2_000;
export const MAX_MENTIONS = 20;

export const THREAD_STATES = ['open', 'resolved'] as const;
export type ThreadState = (typeof THREAD_STATES)[number];

export const MENTION_MAIL = ['immediately', 'digest', 'off'] as const;
export type MentionMail = (typeof MENTION_MAIL)[number];

const DATE = { message: '$property must be a date (YYYY-MM-DD)' };
const AGENCY = { message: '$property must be an agency code such as FAO' };

/** Where a thread is anchored: two Yjs relative positions in the document's `default` fragment, base64 (docs/collaboration-protocol.md). */
export class AnchorDto {
  @IsString()
  @MinLength(1)
  @MaxLength(1_000)
  start!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(1_000)
  end!: string;
}

export class ThreadsQuery {
  @IsOptional()
  @IsIn(THREAD_STATES)
  state?: ThreadState;
}

export class CommentDto {
  /** Plain text; the client renders the mentions it names. */
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_COMMENT_CHARS)
  body!: string;

  /** Ids of the active users the comment mentions. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_MENTIONS)
  @IsUUID('all', { each: true, message: 'mentions must be a list of user ids' })
  mentions?: string[];
}

export class CreateThreadDto extends CommentDto {
  /** Left out: the thread is about the document as a whole. */
  @IsOptional()
  @ValidateNested()
  @Type(() => AnchorDto)
  anchor?: AnchorDto;

  /** The anchored text at creation, shown when that text is later deleted. */
  @IsOptional()
  @IsString()
  @MaxLength(MAX_QUOTE_CHARS)
  quote?: string;
}

export class EditCommentDto extends VersionedUpdate {
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_COMMENT_CHARS)
  body!: string;
}

export class ActionItemDto {
  /** The agency the action is assigned to, by code. */
  @Matches(/^[A-Z][A-Z0-9-]{1,19}$/, AGENCY)
  assigneeAgency!: string;

  /** A user of that agency who carries it, if one does. */
  @IsOptional()
  @IsUUID()
  assigneeUserId?: string;

  @Matches(/^\d{4}-\d{2}-\d{2}$/, DATE)
  @IsISO8601({ strict: true }, DATE)
  dueDate!: string;
}

export class ActionItemsQuery extends PageQuery {
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9-]{1,19}$/, AGENCY)
  agency?: string;

  @IsOptional()
  @IsIn(['open', 'done'])
  state?: 'open' | 'done';

  /** true: only those past their due date (and not done). */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;
}

export class NotificationsQuery {
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;
}

/** Marks notifications read: some by id, or all of them. */
export class ReadNotificationsDto {
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  ids?: string[];

  @IsOptional()
  @IsIn([true], { message: 'all must be true when given' })
  all?: true;
}

export class PreferencesDto {
  /** Mail for mentions and assignments: at once (one mail per burst), only in the digest, or never. */
  @IsOmittable()
  @IsIn(MENTION_MAIL)
  mentionMail?: MentionMail;

  /** The language of the interface and of the mail Concert sends this person: one of the UN's six. */
  @IsOmittable()
  @IsIn(LOCALES, { message: `locale must be one of ${LOCALES.join(', ')}` })
  locale?: Locale;
}
