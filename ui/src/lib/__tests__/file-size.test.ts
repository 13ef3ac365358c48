import { describe, expect, it } from 'vitest';
import { formatFileSize } from '../file-size';

describe('file sizes', () => {
  it('shows KB below a megabyte, at least 1 KB for a file with anything in it', () => {
    expect(formatFileSize(0, 'en-GB')).toBe('0 KB');
    expect(formatFileSize(200, 'en-GB')).toBe('1 KB');
    expect(formatFileSize(860_160, 'en-GB')).toBe('840 KB');
  });

  it('shows MB and GB with one place, in the language’s numbers', () => {
    expect(formatFileSize(2_516_582, 'en-GB')).toBe('2.4 MB');
    expect(formatFileSize(2_516_582, 'de-DE')).toBe('2,4 MB');
    expect(formatFileSize(3 * 1024 ** 3, 'de-DE')).toBe('3,0 GB');
  });

  it('never shows 1,024 KB: what rounds to a megabyte is one', () => {
    expect(formatFileSize(1024 * 1024 - 1, 'en-GB')).toBe('1.0 MB');
    expect(formatFileSize(1024 ** 3 - 1, 'en-GB')).toBe('1.0 GB');
  });

  it('groups large KB figures as the language does', () => {
    expect(formatFileSize(10_000, 'en-GB')).toBe('10 KB');
    expect(formatFileSize(1_000_000, 'de-DE')).toBe('977 KB');
  });
});
