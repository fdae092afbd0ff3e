import { describe, expect, it } from 'vitest';
import {
  checkSynonymWords,
  correctionOf,
  decodeEntities,
  highlightParts,
  highlightText,
  parseRetentionDays,
  parseSynonymWords,
  searchPageHref,
} from './search';

describe('highlightParts', () => {
  it('keeps the server’s marks and decodes its escaped text', () => {
    expect(highlightParts('Claim &amp; <mark>expenses</mark> &lt;fast&gt;')).toStrictEqual([
      { text: 'Claim & ', mark: false },
      { text: 'expenses', mark: true },
      { text: ' <fast>', mark: false },
    ]);
  });

  it.each([
    ['<script>alert(1)</script>', '<script>alert(1)</script>'],
    ['<img src=x onerror="alert(1)">', '<img src=x onerror="alert(1)">'],
    ['<mark onclick="alert(1)">x</mark>', '<mark onclick="alert(1)">x'],
    ['<mark><b>bold</b></mark>', '<b>bold</b>'],
    ['&lt;script&gt;alert(1)&lt;/script&gt;', '<script>alert(1)</script>'],
    ['<a href="javascript:alert(1)">x</a>', '<a href="javascript:alert(1)">x</a>'],
    ['<svg/onload=alert(1)>', '<svg/onload=alert(1)>'],
    ['<!-- x --><style>*{}</style>', '<!-- x --><style>*{}</style>'],
  ])('keeps %j as text, never as markup', (hostile, text) => {
    const parts = highlightParts(hostile);
    expect(parts.map((p) => p.text).join('')).toBe(text);
    // Only text comes out: a part is a string and a flag, nothing to parse.
    for (const part of parts) expect(Object.keys(part).sort()).toStrictEqual(['mark', 'text']);
  });

  it('treats only the exact tags as marks, in any case, and survives unbalanced ones', () => {
    expect(highlightParts('<MARK>a</MARK>b')).toStrictEqual([
      { text: 'a', mark: true },
      { text: 'b', mark: false },
    ]);
    expect(highlightParts('<mark >a</mark >')).toStrictEqual([
      { text: '<mark >a</mark >', mark: false },
    ]);
    expect(highlightParts('</mark>a<mark>b<mark>c')).toStrictEqual([
      { text: 'a', mark: false },
      { text: 'bc', mark: true },
    ]);
    expect(highlightParts('')).toStrictEqual([]);
  });

  it('joins to the plain text', () => {
    expect(highlightText('<mark>Per</mark> diems &amp; travel')).toBe('Per diems & travel');
  });
});

describe('decodeEntities', () => {
  it('decodes named and numeric references once, and leaves unknown ones', () => {
    expect(decodeEntities('&amp;lt; &#60; &#x3c; &#X3C; &quot;&#39;&apos;')).toBe(
      "&lt; < < < \"''",
    );
    expect(decodeEntities('&unknown; & &amp')).toBe('&unknown; & &amp');
    expect(decodeEntities('&#x1F600;')).toBe('😀');
    expect(decodeEntities('&#0; &#xD800; &#x110000;')).toBe('\ufffd \ufffd \ufffd');
  });
});

describe('correctionOf', () => {
  it('tells results for a correction from a suggestion', () => {
    expect(correctionOf({ didYouMean: 'expenses', corrected: true })).toStrictEqual({
      kind: 'showing',
      text: 'expenses',
    });
    expect(correctionOf({ didYouMean: 'expenses', corrected: false })).toStrictEqual({
      kind: 'suggest',
      text: 'expenses',
    });
    expect(correctionOf({ didYouMean: null, corrected: false })).toStrictEqual({ kind: 'none' });
    expect(correctionOf({ didYouMean: ' ', corrected: true })).toStrictEqual({ kind: 'none' });
  });
});

describe('synonym words', () => {
  it('splits on commas, trims and drops empties and repeats', () => {
    expect(parseSynonymWords(' laptop, notebook ,, Laptop,  lap   top ')).toStrictEqual([
      'laptop',
      'notebook',
      'lap top',
    ]);
  });

  it('checks the server’s limits', () => {
    expect(checkSynonymWords(['a'])).toBe('too_few');
    expect(checkSynonymWords(['a', 'b'])).toBeUndefined();
    expect(checkSynonymWords(Array.from({ length: 21 }, (_, i) => `w${i}`))).toBe('too_many');
    expect(checkSynonymWords(['a', 'x'.repeat(61)])).toBe('too_long');
    expect(checkSynonymWords(['a', 'é'.repeat(60)])).toBeUndefined();
  });
});

describe('parseRetentionDays', () => {
  it('accepts whole days from 1 to 3650', () => {
    expect(parseRetentionDays(' 90 ')).toBe(90);
    expect(parseRetentionDays('3650')).toBe(3650);
    for (const bad of ['0', '3651', '1.5', '-3', '', 'ten', '1e3']) {
      expect(parseRetentionDays(bad)).toBeUndefined();
    }
  });
});

describe('searchPageHref', () => {
  it('encodes the query', () => {
    expect(searchPageHref('a&b c')).toBe('/knowledge/search?q=a%26b%20c');
  });
});
