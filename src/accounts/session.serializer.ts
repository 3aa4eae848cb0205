import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import passport from 'passport';
import { PassportSerializer } from '@nestjs/passport';
import type { Principal } from '../common/principal';
import { PrincipalCache } from './principal-cache';

/** The session keeps only the user's id; who they are now (role, agency, active) is looked up on each request. */
@Injectable()
export class SessionSerializer extends PassportSerializer implements OnModuleDestroy {
  private readonly registered: { serializer: unknown; deserializer: unknown };

  constructor(private readonly principals: PrincipalCache) {
    super();
    // PassportSerializer adds this app's functions to passport's process-wide chains, which passport asks in order:
    // a second app in the same process (tests, benchmarks) would be answered by the first one, even once closed.
    // Remember ours, and take them out when this app closes.
    const chains = passport as unknown as PassportChains;
    this.registered = { serializer: chains._serializers.at(-1), deserializer: chains._deserializers.at(-1) };
  }

  onModuleDestroy(): void {
    const chains = passport as unknown as PassportChains;
    chains._serializers = chains._serializers.filter((fn) => fn !== this.registered.serializer);
    chains._deserializers = chains._deserializers.filter((fn) => fn !== this.registered.deserializer);
  }

  serializeUser(user: Principal, done: (error: unknown, id?: string) => void): void {
    done(null, user.userId);
  }

  deserializeUser(userId: string, done: (error: unknown, user?: Principal | false) => void): void {
    this.principals.get(userId).then(
      (principal) => done(null, principal ?? false),
      (error: unknown) => done(error),
    );
  }
}

/** passport's own (undocumented, long-stable) lists of serializers and deserializers. */
interface PassportChains {
  _serializers: unknown[];
  _deserializers: unknown[];
}
