import fc from 'fast-check';
import { findJsonBodyProblem, MAX_JSON_DEPTH, refuseHostileJson } from './json-body';
import { ValidationFailedError } from './validation';

const fieldOf = (text: string) => findJsonBodyProblem(text)?.field ?? null;
const nestedArrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

/**
 * What the scanner must say, computed the slow way, on the parsed value: the field of the first refused thing in
 * JSON.stringify's order, or null. Recursive, which is fine for the shallow values generated here.
 */
function expectedField(value: unknown, path: string[] = []): string | null {
  const field = (at: string[]) => at.join('.') || 'body';
  if (typeof value === 'string') return /\p{Cs}/u.test(value) ? field(path) : null;
  // JavaScript prints integers below 1e21 digit by digit; from there on with an exponent, which is no integer literal.
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) > Number.MAX_SAFE_INTEGER && Math.abs(value) < 1e21 ? field(path) : null;
  if (value === null || typeof value !== 'object') return null;
  if (path.length === MAX_JSON_DEPTH) return 'body';
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((item, index) => [String(index), item]) : Object.entries(value);
  for (const [key, item] of entries) {
    const at = [...path, key];
    if (!Array.isArray(value) && (['__proto__', 'constructor', 'prototype'].includes(key) || /\p{Cs}/u.test(key))) return field(at);
    const found = expectedField(item, at);
    if (found) return found;
  }
  return null;
}

describe('findJsonBodyProblem', () => {
  it('accepts ordinary bodies, however they are spaced', () => {
    expect(findJsonBodyProblem('{"version": 3, "title": "Trade capacity", "leadAgencies": ["FAO", "WFP"]}')).toBeNull();
    expect(findJsonBodyProblem('{\r\n\t"a" : [ 1.5 , -2e300 , true , false , null , { } , [ ] ]\n}')).toBeNull();
    expect(findJsonBodyProblem('')).toBeNull();
  });

  it('leaves text that is not JSON to JSON.parse', () => {
    expect(findJsonBodyProblem('{"version": 1, "title": "Unclosed')).toBeNull();
    expect(findJsonBodyProblem('{"a": 1 /* comment */, "a": 2}')).toBeNull();
    expect(findJsonBodyProblem('{"a": 1, // comment\n "a": 2}')).toBeNull();
    expect(findJsonBodyProblem("{'a': 1, 'a': 2}")).toBeNull();
  });

  describe('nesting', () => {
    it(`accepts ${MAX_JSON_DEPTH} levels and refuses one more, arrays or objects`, () => {
      expect(findJsonBodyProblem(nestedArrays(MAX_JSON_DEPTH))).toBeNull();
      expect(findJsonBodyProblem(nestedArrays(MAX_JSON_DEPTH + 1))).toEqual({ field: 'body', problem: expect.stringMatching(/too deeply nested/) });
      const objects = (depth: number) => '{"a":'.repeat(depth - 1) + '{}' + '}'.repeat(depth - 1);
      expect(findJsonBodyProblem(objects(MAX_JSON_DEPTH))).toBeNull();
      expect(fieldOf(objects(MAX_JSON_DEPTH + 1))).toBe('body');
    });

    it('refuses 5,000 and a million levels without recursing', () => {
      expect(fieldOf(nestedArrays(5_000))).toBe('body');
      expect(fieldOf('['.repeat(1_000_000))).toBe('body');
    });

    it('counts depth, not length: siblings do not add up', () => {
      expect(findJsonBodyProblem(`[${Array.from({ length: 1_000 }, () => nestedArrays(MAX_JSON_DEPTH - 1)).join(',')}]`)).toBeNull();
    });
  });

  describe('keys that reach a prototype', () => {
    it.each([
      ['{"__proto__": {"admin": true}, "version": 1}', '__proto__'],
      ['{"version": 1, "constructor": {"prototype": {"admin": true}}}', 'constructor'],
      ['{"indicators": [{"name": "x"}, {"prototype": 1}]}', 'indicators.1.prototype'],
      ['{"\\u005f_proto__": {}}', '__proto__'],
    ])('refuses %s, naming %s', (text, field) => {
      expect(findJsonBodyProblem(text)).toEqual({ field, problem: expect.stringMatching(/should not exist/) });
    });

    it('accepts them as values', () => {
      expect(findJsonBodyProblem('{"title": "__proto__", "tags": ["constructor", "prototype"]}')).toBeNull();
    });
  });

  describe('a key twice in one object', () => {
    it.each([
      ['{"title": "A", "title": "B"}', 'title'],
      ['{"version": 1, "indicators": [{"name": "a"}, {"name": "b", "unit": "%", "name": "c"}]}', 'indicators.1.name'],
      ['{"title": "A", "\\u0074itle": "B"}', 'title'],
      ['{"a": {"b": 1}, "a": 2}', 'a'],
    ])('refuses %s, naming %s', (text, field) => {
      expect(findJsonBodyProblem(text)).toEqual({ field, problem: `${field} is given more than once` });
    });

    it('accepts the same key in different objects', () => {
      expect(findJsonBodyProblem('{"a": {"a": {"a": 1}}, "b": [{"a": 1}, {"a": 2}]}')).toBeNull();
    });
  });

  describe('integers a JavaScript number cannot hold exactly', () => {
    it.each([
      ['{"version": 9007199254740993}', 'version'],
      ['{"version": 9007199254740992}', 'version'],
      ['{"target": -9007199254740993}', 'target'],
      ['{"values": [1, 2, 123456789012345678901234567890]}', 'values.2'],
    ])('refuses %s, naming %s', (text, field) => {
      expect(findJsonBodyProblem(text)).toEqual({ field, problem: expect.stringMatching(/cannot be read exactly/) });
    });

    it('refuses an integer of 400 digits', () => {
      expect(fieldOf(`{"target": ${'9'.repeat(400)}}`)).toBe('target');
    });

    it('accepts the largest safe integers and numbers written as decimals or with exponents', () => {
      expect(findJsonBodyProblem('[9007199254740991, -9007199254740991, 9007199254740993.5, 1e300, -0]')).toBeNull();
    });
  });

  describe('a lone UTF-16 surrogate', () => {
    it.each([
      ['{"title": "Trade \\ud800 capacity"}', 'title'],
      ['{"title": "Trade \ud800 capacity"}', 'title'],
      ['{"title": "ends with \\udbff"}', 'title'],
      ['{"title": "\\ude00 starts low"}', 'title'],
      ['{"leadAgencies": ["FAO", "\\udfff"]}', 'leadAgencies.1'],
      ['{"a\\ud800": 1}', 'a\ud800'],
    ])('refuses %s, naming the field', (text, field) => {
      expect(findJsonBodyProblem(text)).toEqual({ field, problem: expect.stringMatching(/lone UTF-16 surrogate/) });
    });

    it('accepts characters outside the Basic Multilingual Plane, escaped, raw or half of each', () => {
      expect(findJsonBodyProblem('["\\ud83c\\udf3e", "🌾", "\ud83c\\udf3e"]')).toBeNull();
    });
  });

  it('accepts every JSON.stringify output of a JSON value within the rules, compact or spaced', () => {
    fc.assert(
      fc.property(
        fc.jsonValue({ stringUnit: 'binary' }).filter((value) => expectedField(value) === null),
        (value) => {
          expect(findJsonBodyProblem(JSON.stringify(value))).toBeNull();
          expect(findJsonBodyProblem(JSON.stringify(value, null, 2))).toBeNull();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('names the field of the first refused thing, as a check of the parsed value would', () => {
    const unit = fc.oneof(
      { weight: 9, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
      { weight: 1, arbitrary: fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff') },
    );
    const key = fc.oneof({ weight: 9, arbitrary: fc.string({ unit, maxLength: 3 }) }, { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype') });
    const number = fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(2 ** 53, -(2 ** 53), 2 ** 60, 1e20, 1e21));
    const { value } = fc.letrec<{ value: unknown }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.constant(null),
        fc.boolean(),
        number,
        fc.string({ unit, maxLength: 4 }),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(key, tie('value'), { maxKeys: 4 }),
      ),
    }));
    const nesting = fc.array(fc.boolean(), { maxLength: MAX_JSON_DEPTH + 8 });
    const wrapped = fc.tuple(nesting, value).map(([levels, inner]) => levels.reduce<unknown>((nested, inObject) => (inObject ? { a: nested } : [nested]), inner));
    let refused = 0;
    fc.assert(
      fc.property(wrapped, (body) => {
        const found = fieldOf(JSON.stringify(body));
        expect(found).toBe(expectedField(body));
        if (found) refused++;
      }),
      { numRuns: 500 },
    );
    // Both answers were tried: a generator that never broke a rule would prove nothing.
    expect(refused).toBeGreaterThan(50);
    expect(refused).toBeLessThan(450);
  });
});

describe('refuseHostileJson', () => {
  const verify = (body: Buffer, charset = 'utf-8') => () => refuseHostileJson(undefined as never, undefined as never, body, charset);

  it('throws the 400 the validation pipe throws, naming the field', () => {
    let thrown: unknown;
    try {
      verify(Buffer.from('{"version": 1, "title": "A", "title": "B"}'))();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationFailedError);
    expect(thrown).toMatchObject({ status: 400, code: 'validation_failed', details: { fields: ['title'] }, message: 'title is given more than once' });
  });

  it('reads the body in the charset it was sent in', () => {
    expect(verify(Buffer.from('{"title": "\\ud800"}', 'utf16le'), 'utf-16le')).toThrow(/lone UTF-16 surrogate/);
    expect(verify(Buffer.from('{"title": "Trade capacity"}'))).not.toThrow();
  });

  it('refuses a charset it cannot read with a 415, rather than let it through unchecked', () => {
    expect(verify(Buffer.from('{}'), 'utf-7')).toThrow(expect.objectContaining({ status: 415 }));
  });
});
