import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeTileIndex, LedgerError, parseTilePath, tilePath, tileWidthAt } from '../../src/ledger/index.js';

describe('when encoding tile indexes (C2SP tlog-tiles)', () => {
  it('writes 3-digit groups with x on all but the last', () => {
    expect(encodeTileIndex(0)).toBe('000');
    expect(encodeTileIndex(67)).toBe('067');
    expect(encodeTileIndex(1000)).toBe('x001/000');
    expect(encodeTileIndex(1234067)).toBe('x001/x234/067');
  });

  it('builds hash tile and entry bundle paths, full and partial', () => {
    expect(tilePath({ kind: 'hash', level: 0, index: 1234067, width: 256 })).toBe('tile/0/x001/x234/067');
    expect(tilePath({ kind: 'hash', level: 2, index: 5, width: 17 })).toBe('tile/2/005.p/17');
    expect(tilePath({ kind: 'entries', index: 0, width: 1 })).toBe('tile/entries/000.p/1');
  });
});

describe('when parsing tile paths', () => {
  it('reads back every path it writes', () => {
    const ref = fc.oneof(
      fc.record({ kind: fc.constant('hash' as const), level: fc.integer({ min: 0, max: 7 }), index: fc.nat(2 ** 40), width: fc.integer({ min: 1, max: 256 }) }),
      fc.record({ kind: fc.constant('entries' as const), index: fc.nat(2 ** 40), width: fc.integer({ min: 1, max: 256 }) }),
    );
    fc.assert(
      fc.property(ref, (t) => {
        expect(parseTilePath(tilePath(t))).toEqual(t);
      }),
    );
  });

  it.each([
    'tile/0/1',
    'tile/0/x000/001',
    'tile/0/001/002',
    'tile/0/001.p/0',
    'tile/0/001.p/256',
    'tile/0/001.p/007',
    'tile/00/001',
    'tile/entries/001.p/',
    'tile/0/../001',
    'tiles/0/001',
  ])('rejects the non-canonical path %s', (p) => {
    expect(() => parseTilePath(p)).toThrow(LedgerError);
    try {
      parseTilePath(p);
    } catch (e) {
      expect((e as LedgerError).code).toBe('LEDGER_TILE_NOT_FOUND');
    }
  });
});

describe('when a tree has a given size', () => {
  it('knows how wide each tile is', () => {
    expect(tileWidthAt(0, 0, 0)).toBe(0);
    expect(tileWidthAt(0, 0, 5)).toBe(5);
    expect(tileWidthAt(0, 0, 300)).toBe(256);
    expect(tileWidthAt(0, 1, 300)).toBe(44);
    expect(tileWidthAt(1, 0, 300)).toBe(1);
    expect(tileWidthAt(1, 0, 255)).toBe(0);
    expect(tileWidthAt(2, 0, 65536)).toBe(1);
    expect(tileWidthAt(0, 39062, 10_000_000)).toBe(10_000_000 - 39062 * 256);
  });
});
