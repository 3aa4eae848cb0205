import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiExtraModels, ApiFoundResponse, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../../common/principal';
import { SsoSignIn } from './sso-sign-in.service';
import { SsoOptionsQuery, SsoStartQuery } from './sso.dto';
import { PasswordSignInOptionsResponse, ProviderSignInOptionsResponse, type SignInOptions } from './sso.responses';

/** Signing in through the agency's OpenID Connect provider (see SsoSignIn). */
@ApiTags('auth')
@Controller('auth/sso')
export class SsoController {
  constructor(private readonly sso: SsoSignIn) {}

  /**
   * After the email on the login page: the password step, or the agency's provider (from the domain alone); with
   * `invitation`, how that invitation is accepted.
   */
  @Public()
  @Get('options')
  @ApiExtraModels(PasswordSignInOptionsResponse, ProviderSignInOptionsResponse)
  @ApiOkResponse({
    description: 'The password step, or the agencies whose provider signs the person in.',
    schema: { oneOf: [{ $ref: getSchemaPath(PasswordSignInOptionsResponse) }, { $ref: getSchemaPath(ProviderSignInOptionsResponse) }] },
  })
  options(@Query() query: SsoOptionsQuery): Promise<SignInOptions> {
    return this.sso.options(query);
  }

  /** Redirects (302) to the agency's provider, found by the email's domain or by `agency`. */
  @Public()
  @Get('start')
  @ApiFoundResponse({ description: "To the agency's provider." })
  async start(@Req() request: Request, @Res() response: Response, @Query() query: SsoStartQuery): Promise<void> {
    response.redirect(302, await this.sso.start(request, query));
  }

  /** Where the provider sends the browser back: redirects to the dashboard, the code step, or the login page with the refusal. */
  @Public()
  @Get('callback')
  @ApiFoundResponse({ description: 'To the dashboard, the code step, or the login page with the reason of a refusal.' })
  async callback(@Req() request: Request, @Res() response: Response): Promise<void> {
    response.redirect(302, await this.sso.finish(request));
  }
}
