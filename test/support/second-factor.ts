import { codeAt, currentStep } from '../../src/accounts/totp';
import type { ApiClient, ApiResponse } from './api-client';
import { Factory } from './factory';

/**
 * The second step of a sign-in, as the user would take it: the code their app shows now (or the next one, the
 * server accepting a step either side), and once both were used in this 30-second step, a recovery code.
 */
export async function answerSecondFactor(client: ApiClient, email: string): Promise<ApiResponse> {
  const enrolled = Factory.secondFactorOf(email);
  if (!enrolled) throw new Error(`${email} has a second factor the factory did not enrol: the test must answer it.`);
  const now = currentStep();
  const step = [now, now + 1].find((candidate) => candidate > enrolled.lastStep);
  if (step !== undefined) {
    enrolled.lastStep = step;
    return client.post('/api/auth/login/second-factor', { code: codeAt(enrolled.secret, step) });
  }
  const recoveryCode = enrolled.recoveryCodes.shift();
  if (!recoveryCode) throw new Error(`${email} has used every recovery code the factory gave.`);
  return client.post('/api/auth/login/second-factor', { recoveryCode });
}

/** Signs the client in with Factory.PASSWORD, answering the second step when the account has one. */
export async function signIn(client: ApiClient, email: string): Promise<ApiResponse> {
  const response = await client.post('/api/auth/login', { email, password: Factory.PASSWORD });
  if (response.status === 200 && response.body?.secondFactorRequired === true) return answerSecondFactor(client, email);
  return response;
}
