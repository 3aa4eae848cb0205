import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentUser, OpenBeforeSecondFactor, type Principal, SessionOnly } from '../common/principal';
import { RecoveryCodesResponse, SecondFactorEnrolmentResponse, SecondFactorStatusResponse } from './accounts.responses';
import { CurrentCodeDto } from './auth.dto';
import { SecondFactors } from './second-factor.service';

/**
 * The signed-in user's own two-factor sign-in. Setting it up is open to a user whose role requires it; none of it to
 * an API token (whoever holds one must not choose the code its user signs in with).
 */
@ApiTags('two-factor')
@SessionOnly()
@Controller('me/second-factor')
export class SecondFactorController {
  constructor(private readonly secondFactors: SecondFactors) {}

  @OpenBeforeSecondFactor()
  @Get()
  status(@CurrentUser() user: Principal): Promise<SecondFactorStatusResponse> {
    return this.secondFactors.status(user);
  }

  /** A new secret, as text and as a QR code for the authenticator app; nothing changes until it is confirmed. */
  @OpenBeforeSecondFactor()
  @Post('setup')
  @HttpCode(200)
  setup(@CurrentUser() user: Principal): Promise<SecondFactorEnrolmentResponse> {
    return this.secondFactors.begin(user);
  }

  /** The first code from the app turns two-factor sign-in on; answers the recovery codes, once. */
  @OpenBeforeSecondFactor()
  @Post('confirm')
  @HttpCode(200)
  confirm(@CurrentUser() user: Principal, @Body() body: CurrentCodeDto, @Req() request: Request): Promise<RecoveryCodesResponse> {
    return this.secondFactors.confirm(user, body.code, request.sessionID, request.ip);
  }

  @Post('recovery-codes')
  @HttpCode(200)
  regenerate(@CurrentUser() user: Principal, @Body() body: CurrentCodeDto, @Req() request: Request): Promise<RecoveryCodesResponse> {
    return this.secondFactors.regenerateRecoveryCodes(user, body.code, request.ip);
  }

  /** Turns it off (not where the role requires it). */
  @Post('disable')
  @HttpCode(204)
  disable(@CurrentUser() user: Principal, @Body() body: CurrentCodeDto, @Req() request: Request): Promise<void> {
    return this.secondFactors.disable(user, body.code, request.ip);
  }
}
