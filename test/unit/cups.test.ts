import { describe, expect, it } from 'vitest';
import { cupsMedia, trimmedStderr } from '../../src/features/printing/node/cups.ts';

describe('CUPS options', () => {
  it('names paper as CUPS does and gives a label its size in millimetres', () => {
    expect(cupsMedia('A4')).toBe('A4');
    expect(cupsMedia('LETTER')).toBe('Letter');
    expect(cupsMedia({ widthMicrons: 101_600, heightMicrons: 152_400 })).toBe('Custom.101.6x152.4mm');
    expect(cupsMedia({ widthMicrons: 62_000, heightMicrons: 29_040 })).toBe('Custom.62x29mm');
  });

  it("keeps the first line of what lp said, without lp's prefix, and short", () => {
    expect(trimmedStderr('lp: Error - Destination "Office" is not accepting jobs.\n')).toBe('Destination "Office" is not accepting jobs.');
    expect(trimmedStderr('\n  \nlp: Unable to connect\nmore\n')).toBe('Unable to connect');
    expect(trimmedStderr('')).toBe('no reason given');
    expect(trimmedStderr(`lp: ${'x'.repeat(500)}`)).toHaveLength(200);
  });
});
