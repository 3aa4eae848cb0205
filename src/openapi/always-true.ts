import { ApiProperty } from '@nestjs/swagger';

/**
 * A property that is always `true` (`secondFactorRequired!: true`): a client tells the answer apart by it. The Swagger
 * plugin describes a `true` literal as `boolean`; this says `enum: [true]`, so the generated client types say `true`.
 */
export const ApiAlwaysTrue = (): PropertyDecorator => ApiProperty({ enum: [true] });
