import { codeAt, currentStep } from '../../src/accounts/totp';
import type { ApiClient, ApiResponse } from './api-client';
import { type EnrolledSecondFactor, Factory } from './factory';

/**
 * A time step whose code the server will still take from this user: now or the next one (the server accepts one step
 * either side of now, each once). Undefined when both were spent.
 */
function unusedStep(enrolled: EnrolledSecondFactor): number | undefined {
  const now = currentStep();
  const step = [now, now + 1].find((candidate) => candidate > enrolled.lastStep);
  if (step !== undefined) enrolled.lastStep = step;
  return step;
}

function enrolledOf(email: string): EnrolledSecondFactor {
  const enrolled = Factory.secondFactorOf(email);
  if (!enrolled) throw new Error(`${email} has a second factor the factory did not enrol: the test must answer it.`);
  return enrolled;
}

/**
 * The second step of a sign-in, as the user would take it: the code their app shows, and once both usable steps were
 * spent in these 30 seconds, a recovery code.
 */
export async function answerSecondFactor(client: ApiClient, email: string): Promise<ApiResponse> {
  const enrolled = enrolledOf(email);
  const step = unusedStep(enrolled);
  if (step !== undefined) return client.post('/api/auth/login/second-factor', { code: codeAt(enrolled.secret, step) });
  const recoveryCode = enrolled.recoveryCodes.shift();
  if (!recoveryCode) throw new Error(`${email} has used every recovery code the factory gave.`);
  return client.post('/api/auth/login/second-factor', { recoveryCode });
}

/**
 * The code a factory-enrolled user's app shows, as they would type it to prove the app is still in hand (new recovery
 * codes, turning it off): when both usable steps were spent, this waits for the next step rather than send a code
 * the server must refuse.
 */
export async function nextCode(email: string): Promise<string> {
  const enrolled = enrolledOf(email);
  for (;;) {
    const step = unusedStep(enrolled);
    if (step !== undefined) return codeAt(enrolled.secret, step);
    const now = currentStep();
    while (currentStep() === now) await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Signs the client in with Factory.PASSWORD, answering the second step when the account has one. */
export async function signIn(client: ApiClient, email: string): Promise<ApiResponse> {
  const response = await client.post('/api/auth/login', { email, password: Factory.PASSWORD });
  if (response.status === 200 && response.body?.secondFactorRequired === true) return answerSecondFactor(client, email);
  return response;
}
