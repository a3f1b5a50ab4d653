import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ConfigError, parseTestClockOffset, readConfig } from './config.ts';

describe('readConfig', () => {
  test('defaults', () => {
    const config = readConfig({}, '/srv/carekey');
    expect(config.port).toBe(8080);
    expect(config.host).toBe('localhost');
    expect(config.dataDir).toBe('/srv/carekey/data');
    expect(config.databaseUrl).toBeNull();
    expect(config.publicOrigin).toBe('http://localhost:8080');
    expect(config.webBuildDir).toBe(resolve(import.meta.dirname, '../../web/build'));
    expect(config.trustProxy).toBe(false);
    expect(config.rateLimits).toEqual({
      windowMs: 60_000,
      slotsPerIp: 20,
      slotsPerAccount: 10,
      registerPerIp: 10,
      loginPerIp: 60,
      linkOpenPerIp: 30,
      linkOpenPerLink: 20,
    });
    expect(config.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(config.testClockFile).toBeNull();
  });

  test('reads every variable', () => {
    const config = readConfig(
      {
        PORT: '9000',
        HOST: '0.0.0.0',
        DATA_DIR: 'state',
        DATABASE_URL: 'postgres://u@db/carekey',
        PUBLIC_ORIGIN: 'https://carekey.example/',
        WEB_BUILD_DIR: '/opt/web',
        TRUST_PROXY: 'true',
        RATE_LIMIT_SLOTS_PER_ACCOUNT: '3',
      },
      '/srv',
    );
    expect(config).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      dataDir: '/srv/state',
      databaseUrl: 'postgres://u@db/carekey',
      publicOrigin: 'https://carekey.example',
      webBuildDir: '/opt/web',
      trustProxy: true,
    });
    expect(config.rateLimits.slotsPerAccount).toBe(3);
  });

  test('an IPv6 host is bracketed in the default origin', () => {
    expect(readConfig({ HOST: '::1', PORT: '1' }).publicOrigin).toBe('http://[::1]:1');
  });

  test.each([
    [{ PORT: 'eighty' }, /PORT must be a whole number/],
    [{ PORT: '70000' }, /PORT must be between/],
    [{ PUBLIC_ORIGIN: 'carekey.example' }, /PUBLIC_ORIGIN must be an origin/],
    [{ PUBLIC_ORIGIN: 'https://carekey.example/app' }, /PUBLIC_ORIGIN must be an http\(s\) origin/],
    [{ PUBLIC_ORIGIN: 'ftp://carekey.example' }, /PUBLIC_ORIGIN must be an http\(s\) origin/],
    [{ DATABASE_URL: 'mysql://db' }, /DATABASE_URL must start with postgres/],
    [{ TRUST_PROXY: 'maybe' }, /TRUST_PROXY must be true or false/],
    [{ RATE_LIMIT_SLOTS_PER_IP: '0' }, /RATE_LIMIT_SLOTS_PER_IP must be between/],
  ])('refuses %o', (env, message) => {
    expect(() => readConfig(env)).toThrow(ConfigError);
    expect(() => readConfig(env)).toThrow(message);
  });
});

describe('the test-only clock (CAREKEY_TEST_CLOCK_FILE)', () => {
  test('is off unless set', () => {
    expect(readConfig({ CAREKEY_TEST_CLOCK_FILE: '  ' }).testClockFile).toBeNull();
  });

  test('takes an absolute path outside production', () => {
    expect(readConfig({ CAREKEY_TEST_CLOCK_FILE: '/tmp/carekey/clock' }).testClockFile).toBe('/tmp/carekey/clock');
    expect(readConfig({ CAREKEY_TEST_CLOCK_FILE: '/tmp/clock', NODE_ENV: 'test' }).testClockFile).toBe('/tmp/clock');
  });

  test.each([
    [{ NODE_ENV: 'production' }, /CAREKEY_TEST_CLOCK_FILE is a test-only setting and is refused when NODE_ENV=production/],
    [{ NODE_ENV: ' production ' }, /refused when NODE_ENV=production/],
    [{ PUBLIC_ORIGIN: 'https://carekey.example' }, /refused for a relay served over https/],
    [{ NODE_ENV: 'production', PUBLIC_ORIGIN: 'https://carekey.example' }, /refused when NODE_ENV=production/],
  ])('is refused in production: %o', (env, message) => {
    expect(() => readConfig({ ...env, CAREKEY_TEST_CLOCK_FILE: '/tmp/clock' })).toThrow(ConfigError);
    expect(() => readConfig({ ...env, CAREKEY_TEST_CLOCK_FILE: '/tmp/clock' })).toThrow(message);
  });

  test('production without it is fine', () => {
    expect(readConfig({ NODE_ENV: 'production', PUBLIC_ORIGIN: 'https://carekey.example' }).testClockFile).toBeNull();
  });

  test('refuses a relative path', () => {
    expect(() => readConfig({ CAREKEY_TEST_CLOCK_FILE: 'clock' })).toThrow(/CAREKEY_TEST_CLOCK_FILE must be an absolute path/);
  });

  test.each([
    ['0', 0],
    ['86400000', 86_400_000],
    ['  -3600000\n', -3_600_000],
    ['-0', 0],
  ])('reads the offset %j', (content, offset) => {
    expect(Object.is(parseTestClockOffset(content, '/tmp/clock'), offset)).toBe(true);
  });

  test.each(['', 'one day', '1e9', '1.5', '+5', '0x10', '12 34', '99999999999999999'])('refuses the offset %j', (content) => {
    expect(() => parseTestClockOffset(content, '/tmp/clock')).toThrow(ConfigError);
    expect(() => parseTestClockOffset(content, '/tmp/clock')).toThrow(/\/tmp\/clock/);
  });
});
