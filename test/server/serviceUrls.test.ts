import { ConfigError, loadConfig } from '../../src/config';
import { ServiceUrlPolicy } from '../../src/http/serviceUrls';

describe('ALLOWED_SERVICE_URLS', () => {
  const policy = new ServiceUrlPolicy(['https://smba.trafficmanager.net/teams/', 'http://localhost:*', 'https://channel.example']);

  it.each([
    ['https://smba.trafficmanager.net/teams/', true],
    ['https://smba.trafficmanager.net/teams/v3/conversations', true],
    ['https://SMBA.trafficmanager.net/teams/', true],
    ['https://smba.trafficmanager.net/teams-admin/', false],
    ['https://smba.trafficmanager.net/', false],
    ['https://smba.trafficmanager.net:8443/teams/', false],
    ['http://localhost:56789/', true],
    ['http://localhost/', true],
    ['http://127.0.0.1:56789/', false],
    ['https://localhost:56789/', false],
    ['https://channel.example/', true],
    ['https://channel.example:443/anything', true],
    ['https://channel.example.attacker.net/', false],
    ['https://channel.example@attacker.net/', false],
    ['not a url', false],
  ])('%s → %s', (serviceUrl, allowed) => {
    expect(policy.permits(serviceUrl)).toBe(allowed);
  });

  it('allows nothing by default', () => {
    const config = loadConfig({});
    expect(config.allowedServiceUrls).toEqual([]);
    expect(new ServiceUrlPolicy(config.allowedServiceUrls).permits('http://localhost:3978/')).toBe(false);
  });

  it.each(['ftp://files.example', 'localhost:3978', 'https://user:pw@channel.example', 'https://channel.example/?q=1', 'http://localhost:*x'])(
    'refuses the entry %s at start-up',
    (entry) => {
      expect(() => loadConfig({ ALLOWED_SERVICE_URLS: `https://ok.example, ${entry}` })).toThrow(ConfigError);
    },
  );
});
