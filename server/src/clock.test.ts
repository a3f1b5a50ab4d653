import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { FileOffsetClock, ManualClock, systemClock } from './clock.ts';
import { ConfigError, parseTestClockOffset } from './config.ts';

describe('clock', () => {
  test('the manual clock moves only when told to', () => {
    const clock = new ManualClock(1000);
    expect(clock.now()).toBe(1000);
    clock.advance(500);
    expect(clock.now()).toBe(1500);
    clock.set(10);
    expect(clock.now()).toBe(10);
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });

  test('the system clock reads the wall clock', () => {
    const before = Date.now();
    const now = systemClock.now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});

describe('the test-only file offset clock', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function clockFile(content?: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'carekey-clock-'));
    dirs.push(dir);
    const file = join(dir, 'offset');
    if (content !== undefined) writeFileSync(file, content);
    return file;
  }

  test('reads as the wall clock plus the offset in the file', () => {
    const base = new ManualClock(1_000_000);
    const clock = FileOffsetClock.open(clockFile('86400000\n'), { parse: parseTestClockOffset, base });
    expect(clock.offsetMs).toBe(86_400_000);
    expect(clock.now()).toBe(1_000_000 + 86_400_000);
    base.advance(5);
    expect(clock.now()).toBe(1_000_005 + 86_400_000);
  });

  test('a new offset is read within the refresh interval, not before', () => {
    const base = new ManualClock(0);
    const file = clockFile('0');
    const changed: number[] = [];
    const clock = FileOffsetClock.open(file, { parse: parseTestClockOffset, base, events: { changed: (o) => changed.push(o) } });
    writeFileSync(file, '3600000');
    base.advance(99);
    expect(clock.now()).toBe(99);
    base.advance(1);
    expect(clock.now()).toBe(100 + 3_600_000);
    writeFileSync(file, '-1000');
    base.advance(100);
    expect(clock.now()).toBe(200 - 1000);
    expect(changed).toEqual([0, 3_600_000, -1000]);
  });

  test('a missing or garbled file is an error at start-up', () => {
    expect(() => FileOffsetClock.open(clockFile(), { parse: parseTestClockOffset })).toThrow(/ENOENT/);
    expect(() => FileOffsetClock.open(clockFile('one day'), { parse: parseTestClockOffset })).toThrow(ConfigError);
    expect(() => FileOffsetClock.open(clockFile(''), { parse: parseTestClockOffset })).toThrow(/whole number of milliseconds/);
  });

  test('later, an unreadable file keeps the last offset and is reported once until it reads again', () => {
    const base = new ManualClock(0);
    const file = clockFile('5000');
    const unreadable: unknown[] = [];
    const clock = FileOffsetClock.open(file, { parse: parseTestClockOffset, base, events: { unreadable: (e) => unreadable.push(e) } });
    rmSync(file);
    for (let i = 1; i <= 3; i++) {
      base.set(i * 100);
      expect(clock.now()).toBe(i * 100 + 5000);
    }
    writeFileSync(file, '12ab');
    base.set(400);
    expect(clock.now()).toBe(400 + 5000);
    expect(unreadable).toHaveLength(1);
    writeFileSync(file, '7000');
    base.set(500);
    expect(clock.now()).toBe(500 + 7000);
    writeFileSync(file, 'garbled');
    base.set(600);
    expect(clock.now()).toBe(600 + 7000);
    expect(unreadable).toHaveLength(2);
    expect(unreadable[1]).toBeInstanceOf(ConfigError);
  });
});
