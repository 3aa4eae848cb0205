import { codeAt, currentStep } from '../../src/accounts/totp';
import { Factory } from './factory';

/**
 * The code a factory-enrolled user's authenticator app shows for a time step the server has not seen from them yet,
 * as they would type it to prove the app is still in hand (new recovery codes, turning it off). The server accepts
 * each step once and one step either side of now: when both usable steps were spent (by a sign-in, say), this
 * waits for the next one rather than send a code the server must refuse.
 */
export async function nextCode(email: string): Promise<string> {
  const enrolled = Factory.secondFactorOf(email);
  if (!enrolled) throw new Error(`${email} has no second factor the factory enrolled.`);
  for (;;) {
    const now = currentStep();
    const step = [now, now + 1].find((candidate) => candidate > enrolled.lastStep);
    if (step !== undefined) {
      enrolled.lastStep = step;
      return codeAt(enrolled.secret, step);
    }
    while (currentStep() === now) await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
