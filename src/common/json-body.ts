import type { IncomingMessage, ServerResponse } from 'node:http';
import { TextDecoder } from 'node:util';
import { createScanner, ScanError, SyntaxKind } from 'jsonc-parser';
import { ValidationFailedError } from './validation';

/**
 * How deep a request body may nest. No route takes more than a few levels; 64 leaves room for any that comes, and
 * stops a body of thousands of nested arrays before class-transformer's recursive copy of it overflows the stack
 * (which answered 500).
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Keys that reach an object's prototype. class-transformer drops `__proto__` and `constructor` silently, so they
 * slipped past the refusal of unknown fields; they are refused here, as any unknown field is.
 */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A lone UTF-16 surrogate: half a character, which UTF-8 cannot hold (it would be stored as U+FFFD, silently). */
const LONE_SURROGATE = /\p{Cs}/u;

/** An integer literal: a number written without a fraction or an exponent. */
const INTEGER_LITERAL = /^-?\d+$/;

export interface JsonBodyProblem {
  /** The field, as the validation errors name it (`indicators.0.name`), or `body` for the body as a whole. */
  field: string;
  problem: string;
}

type Frame = { kind: 'object'; keys: Set<string>; key: string | undefined } | { kind: 'array'; index: number };

/** The field a value at the top of `stack` is: object keys and array indices joined with dots. */
function fieldAt(stack: readonly Frame[]): string {
  return stack.map((frame) => (frame.kind === 'object' ? frame.key : String(frame.index))).join('.') || 'body';
}

/**
 * The first thing in a JSON text that no route takes, or null: nesting deeper than MAX_JSON_DEPTH, a key that
 * reaches a prototype, a key twice in one object, an integer beyond what a JavaScript number holds exactly, or a
 * lone surrogate in a string or a key. One pass over jsonc-parser's tokens with an explicit stack, so nothing
 * recurses however deep the text goes. Text that is not JSON gets null: JSON.parse refuses it afterwards.
 */
export function findJsonBodyProblem(text: string): JsonBodyProblem | null {
  const scanner = createScanner(text, false);
  const stack: Frame[] = [];
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    if (scanner.getTokenError() !== ScanError.None) return null;
    const top = stack.at(-1);
    switch (token) {
      case SyntaxKind.OpenBraceToken:
      case SyntaxKind.OpenBracketToken:
        if (stack.length === MAX_JSON_DEPTH) {
          return { field: 'body', problem: `the body is too deeply nested (more than ${MAX_JSON_DEPTH} levels)` };
        }
        stack.push(token === SyntaxKind.OpenBraceToken ? { kind: 'object', keys: new Set(), key: undefined } : { kind: 'array', index: 0 });
        break;
      case SyntaxKind.CloseBraceToken:
      case SyntaxKind.CloseBracketToken:
        stack.pop();
        break;
      case SyntaxKind.CommaToken:
        if (top?.kind === 'array') top.index++;
        else if (top?.kind === 'object') top.key = undefined;
        break;
      case SyntaxKind.StringLiteral: {
        const value = scanner.getTokenValue();
        if (top?.kind === 'object' && top.key === undefined) {
          top.key = value;
          const field = fieldAt(stack);
          if (PROTOTYPE_KEYS.has(value)) return { field, problem: `property ${value} should not exist` };
          if (top.keys.has(value)) return { field, problem: `${field} is given more than once` };
          top.keys.add(value);
        }
        if (LONE_SURROGATE.test(value)) {
          const field = fieldAt(stack);
          return { field, problem: `${field} holds half a character (a lone UTF-16 surrogate)` };
        }
        break;
      }
      case SyntaxKind.NumericLiteral: {
        const literal = scanner.getTokenValue();
        if (INTEGER_LITERAL.test(literal) && !Number.isSafeInteger(Number(literal))) {
          const field = fieldAt(stack);
          return { field, problem: `${field} is an integer beyond ±${Number.MAX_SAFE_INTEGER}, which cannot be read exactly` };
        }
        break;
      }
      case SyntaxKind.ColonToken:
      case SyntaxKind.TrueKeyword:
      case SyntaxKind.FalseKeyword:
      case SyntaxKind.NullKeyword:
      case SyntaxKind.Trivia:
      case SyntaxKind.LineBreakTrivia:
        break;
      // Comments are jsonc-parser's, not JSON's.
      case SyntaxKind.LineCommentTrivia:
      case SyntaxKind.BlockCommentTrivia:
      case SyntaxKind.Unknown:
        return null;
    }
  }
  return null;
}

/**
 * The JSON body parser's `verify` hook: it sees the raw body before JSON.parse does, and refuses it with a 400
 * naming the field. Charsets TextDecoder cannot read are refused, so that the text checked is the text parsed.
 */
export function refuseHostileJson(_request: IncomingMessage, _response: ServerResponse, body: Buffer, charset: string): void {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset);
  } catch {
    throw Object.assign(new Error(`The charset ${charset} is not supported; send UTF-8.`), { status: 415 });
  }
  const found = findJsonBodyProblem(decoder.decode(body));
  if (found) throw new ValidationFailedError([{ field: found.field, problems: [found.problem] }]);
}
