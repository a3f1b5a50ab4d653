import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ConfigError, readConfig } from './config.ts';

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
