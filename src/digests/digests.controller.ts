import { Body, Controller, Delete, Get, Header, Headers, HttpCode, Post, Put, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '../common/params';
import { CurrentUser, type Principal, Public } from '../common/principal';
import { DigestPreferencesDto, RunDigestsDto, UnsubscribeQuery } from './digests.dto';
import { DigestPreferencesResponse, DigestRunResponse, FollowPage, UnsubscribedResponse } from './digests.responses';
import { DigestsService } from './digests.service';

@ApiTags('digests')
@Controller('me')
export class MyDigestsController {
  constructor(private readonly digests: DigestsService) {}

  @Get('digest-preferences')
  preferences(@CurrentUser() user: Principal): Promise<DigestPreferencesResponse> {
    return this.digests.preferences(user);
  }

  @Put('digest-preferences')
  setPreferences(@CurrentUser() user: Principal, @Body() dto: DigestPreferencesDto): Promise<DigestPreferencesResponse> {
    return this.digests.setPreferences(user, dto);
  }

  @Get('follows')
  follows(@CurrentUser() user: Principal): Promise<FollowPage> {
    return this.digests.listFollows(user);
  }

  @Put('follows/frameworks/:id')
  followFramework(@CurrentUser() user: Principal, @UuidParam() id: string): Promise<FollowPage> {
    return this.digests.setFollow(user, 'framework', id, true);
  }

  @Delete('follows/frameworks/:id')
  unfollowFramework(@CurrentUser() user: Principal, @UuidParam() id: string): Promise<FollowPage> {
    return this.digests.setFollow(user, 'framework', id, false);
  }

  @Put('follows/commitments/:id')
  followCommitment(@CurrentUser() user: Principal, @UuidParam() id: string): Promise<FollowPage> {
    return this.digests.setFollow(user, 'commitment', id, true);
  }

  @Delete('follows/commitments/:id')
  unfollowCommitment(@CurrentUser() user: Principal, @UuidParam() id: string): Promise<FollowPage> {
    return this.digests.setFollow(user, 'commitment', id, false);
  }
}

@ApiTags('digests')
@Controller()
export class DigestsController {
  constructor(private readonly digests: DigestsService) {}

  @Post('admin/digests/run')
  @HttpCode(200)
  run(@CurrentUser() user: Principal, @Body() dto: RunDigestsDto): Promise<DigestRunResponse> {
    return this.digests.run(user, dto);
  }

  /**
   * RFC 8058 one-click: the mail client POSTs `List-Unsubscribe=One-Click` to the link; the token is in the URL. The
   * page's button posts the same, from a browser that asks for HTML: it gets a page in the recipient's language.
   */
  @Public()
  @Post('digests/unsubscribe')
  @HttpCode(200)
  // The plugin describes no union: the JSON answer, here; a browser that asks for HTML gets a page instead.
  @ApiOkResponse({ type: UnsubscribedResponse, description: 'Digests turned off. A request that accepts text/html gets a page in the recipient\'s language instead.' })
  async unsubscribe(
    @Query() query: UnsubscribeQuery,
    @Headers('accept') accept: string | undefined,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<UnsubscribedResponse | string> {
    if (!accept?.includes('text/html')) return this.digests.unsubscribe(query.token);
    const page = await this.digests.unsubscribeFromPage(query.token, acceptLanguage);
    response.status(page.status).type('html');
    return page.html;
  }

  /** A person who opens the link sees a button, in their language; a GET changes nothing (link scanners open every link). */
  @Public()
  @Get('digests/unsubscribe')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiProduces('text/html')
  @ApiOkResponse({ description: "A page with the button, in the recipient's language.", schema: { type: 'string' } })
  unsubscribePage(@Query() query: UnsubscribeQuery, @Headers('accept-language') acceptLanguage: string | undefined): Promise<string> {
    return this.digests.unsubscribePage(query.token, acceptLanguage);
  }
}
