import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put, Query, Headers } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { UuidParam } from '../common/params';
import { CurrentUser, type Principal } from '../common/principal';
import {
  ActionItemDto,
  ActionItemsQuery,
  CommentDto,
  CreateThreadDto,
  EditCommentDto,
  NotificationsQuery,
  PreferencesDto,
  ReadNotificationsDto,
  ThreadsQuery,
} from './discussions.dto';
import {
  ActionItemPage,
  CommentResponse,
  NotificationPage,
  PreferencesResponse,
  ThreadPage,
  ThreadResponse,
  UnreadCountResponse,
} from './discussions.responses';
import { DiscussionsService } from './discussions.service';
import { NotificationsService } from './notifications.service';

@ApiTags('discussions')
@Controller('documents')
export class DocumentThreadsController {
  constructor(private readonly discussions: DiscussionsService) {}

  /** The document's threads, oldest first, with what the reader may do. */
  @Get(':id/threads')
  list(@CurrentUser() user: Principal, @UuidParam() id: string, @Query() query: ThreadsQuery): Promise<ThreadPage> {
    return this.discussions.list(user, id, query);
  }

  /** Opens a thread (anchored, or about the whole document) with its first comment; never changes the document. */
  @Post(':id/threads')
  create(@CurrentUser() user: Principal, @UuidParam() id: string, @Body() dto: CreateThreadDto): Promise<ThreadResponse> {
    return this.discussions.create(user, id, dto);
  }
}

@ApiTags('discussions')
@Controller('threads')
export class ThreadsController {
  constructor(private readonly discussions: DiscussionsService) {}

  @Get(':id')
  get(@CurrentUser() user: Principal, @UuidParam() id: string): Promise<ThreadResponse> {
    return this.discussions.get(user, id);
  }

  @Post(':id/comments')
  comment(@CurrentUser() user: Principal, @UuidParam() id: string, @Body() dto: CommentDto): Promise<CommentResponse> {
    return this.discussions.comment(user, id, dto);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  resolve(@CurrentUser() user: Principal, @UuidParam() id: string): Promise<ThreadResponse> {
    return this.discussions.resolve(user, id);
  }

  @Post(':id/reopen')
  @HttpCode(200)
  reopen(@CurrentUser() user: Principal, @UuidParam() id: string): Promise<ThreadResponse> {
    return this.discussions.reopen(user, id);
  }

  /** Makes the thread an action item: an agency (by code), maybe one of its users, a due date. */
  @Put(':id/action')
  setAction(@CurrentUser() user: Principal, @UuidParam() id: string, @Body() dto: ActionItemDto): Promise<ThreadResponse> {
    return this.discussions.setAction(user, id, dto);
  }

  @Delete(':id/action')
  clearAction(@CurrentUser() user: Principal, @UuidParam() id: string): Promise<ThreadResponse> {
    return this.discussions.clearAction(user, id);
  }
}

@ApiTags('discussions')
@Controller('comments')
export class CommentsController {
  constructor(private readonly discussions: DiscussionsService) {}

  /** The author changes their comment's text. */
  @Patch(':id')
  edit(@CurrentUser() user: Principal, @UuidParam() id: string, @Body() dto: EditCommentDto): Promise<CommentResponse> {
    return this.discussions.editComment(user, id, dto);
  }

  /** The author deletes their comment; the thread keeps "comment deleted" in its place. */
  @Delete(':id')
  @HttpCode(204)
  delete(@CurrentUser() user: Principal, @UuidParam() id: string): Promise<void> {
    return this.discussions.deleteComment(user, id);
  }
}

@ApiTags('discussions')
@Controller('action-items')
export class ActionItemsController {
  constructor(private readonly discussions: DiscussionsService) {}

  /** Open ones first, by due date. */
  @Get()
  list(@CurrentUser() user: Principal, @Query() query: ActionItemsQuery): Promise<ActionItemPage> {
    return this.discussions.actionItems(user, query);
  }

  /** The id is the thread's. */
  @Post(':id/done')
  @HttpCode(200)
  done(@CurrentUser() user: Principal, @UuidParam() id: string): Promise<ThreadResponse> {
    return this.discussions.completeAction(user, id);
  }
}

@ApiTags('notifications')
@Controller('me')
export class MyNotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('notifications')
  list(@CurrentUser() user: Principal, @Query() query: NotificationsQuery): Promise<NotificationPage> {
    return this.notifications.list(user, query);
  }

  @Post('notifications/read')
  @HttpCode(200)
  read(@CurrentUser() user: Principal, @Body() dto: ReadNotificationsDto): Promise<UnreadCountResponse> {
    return this.notifications.markRead(user, dto);
  }

  /** The user's preferences: one resource (mention mail here; digest preferences keep their own). */
  @Get('preferences')
  preferences(@CurrentUser() user: Principal, @Headers('accept-language') acceptLanguage?: string): Promise<PreferencesResponse> {
    return this.notifications.preferences(user, acceptLanguage);
  }

  @Patch('preferences')
  setPreferences(
    @CurrentUser() user: Principal,
    @Body() dto: PreferencesDto,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<PreferencesResponse> {
    return this.notifications.setPreferences(user, dto, acceptLanguage);
  }
}
