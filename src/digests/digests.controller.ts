import { Body, Controller, Delete, Get, Header, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { UuidParam } from '../common/params';
import { CurrentUser, type Principal, Public } from '../common/principal';
import { html } from '../mail/html';
import type { DigestRunResult } from './digest-runs';
import { DigestPreferencesDto, RunDigestsDto } from './digests.dto';
import { DigestsService } from './digests.service';
import type { DigestPreferences, FollowView } from './follows.repository';

type Follows = { items: FollowView[]; total: number };

export class UnsubscribeQuery {
  @IsString()
  @MaxLength(200)
  token!: string;
}

@ApiTags('digests')
@Controller('me')
export class MyDigestsController {
  constructor(private readonly digests: DigestsService) {}

  @Get('digest-preferences')
  preferences(@CurrentUser() user: Principal): Promise<DigestPreferences> {
    return this.digests.preferences(user);
  }

  @Put('digest-preferences')
  setPreferences(@CurrentUser() user: Principal, @Body() dto: DigestPreferencesDto): Promise<DigestPreferences> {
    return this.digests.setPreferences(user, dto);
  }

  @Get('follows')
  follows(@CurrentUser() user: Principal): Promise<Follows> {
    return this.digests.listFollows(user);
  }

  @Put('follows/frameworks/:id')
  followFramework(@CurrentUser() user: Principal, @UuidParam() id: string): Promise<Follows> {
    return this.digests.setFollow(user, 'framework', id, true);
  }

  @Delete('follows/frameworks/:id')
  unfollowFramework(@CurrentUser() user: Principal, @UuidParam() id: string): Promise<Follows> {
    return this.digests.setFollow(user, 'framework', id, false);
  }

  @Put('follows/commitments/:id')
  followCommitment(@CurrentUser() user: Principal, @UuidParam() id: string): Promise<Follows> {
    return this.digests.setFollow(user, 'commitment', id, true);
  }

  @Delete('follows/commitments/:id')
  unfollowCommitment(@CurrentUser() user: Principal, @UuidParam() id: string): Promise<Follows> {
    return this.digests.setFollow(user, 'commitment', id, false);
  }
}

@ApiTags('digests')
@Controller()
export class DigestsController {
  constructor(private readonly digests: DigestsService) {}

  @Post('admin/digests/run')
  @HttpCode(200)
  run(@CurrentUser() user: Principal, @Body() dto: RunDigestsDto): Promise<DigestRunResult> {
    return this.digests.run(user, dto);
  }

  /** RFC 8058 one-click: the mail client POSTs `List-Unsubscribe=One-Click` to the link; the token is in the URL. */
  @Public()
  @Post('digests/unsubscribe')
  @HttpCode(200)
  unsubscribe(@Query() query: UnsubscribeQuery): Promise<{ unsubscribed: true }> {
    return this.digests.unsubscribe(query.token);
  }

  /** A person who opens the link sees a button; a GET changes nothing (link scanners open every link). */
  @Public()
  @Get('digests/unsubscribe')
  @Header('Content-Type', 'text/html; charset=utf-8')
  unsubscribePage(@Query() query: UnsubscribeQuery): string {
    return html`<!doctype html><html><body style="font-family:system-ui,sans-serif"><form method="post" action="?token=${encodeURIComponent(query.token)}"><p>Stop receiving Concert digests?</p><button type="submit">Unsubscribe</button></form></body></html>`.value;
  }
}
