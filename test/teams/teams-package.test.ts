import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import AdmZip from 'adm-zip';
import ts from 'typescript';
import {
  TEMPLATE_FILE,
  TeamsPackageError,
  buildTeamsPackage,
  readPngInfo,
  validateManifest,
} from '../../scripts/teams-package.js';
import { encodePng } from '../../scripts/teams-icons.js';

const ROOT = path.resolve(__dirname, '..', '..');
const MANIFEST_DIR = path.join(ROOT, 'manifest');
const BOT_ID = '0f6b1c2d-3e4f-4a5b-8c7d-9e0f1a2b3c4d';
const PACKAGE_VERSION: string = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'teams-package-'));
});
afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** A copy of manifest/ whose template and icons a test may break. */
function manifestCopy(edit: (manifest: Record<string, unknown>) => void = () => {}): string {
  const dir = path.join(tmp, 'manifest');
  fs.cpSync(MANIFEST_DIR, dir, { recursive: true });
  const manifest: Record<string, unknown> = JSON.parse(fs.readFileSync(path.join(dir, TEMPLATE_FILE), 'utf8'));
  edit(manifest);
  fs.writeFileSync(path.join(dir, TEMPLATE_FILE), JSON.stringify(manifest, null, 2));
  return dir;
}

/** The parts of the packaged manifest these tests look at. */
interface PackagedManifest {
  id: string;
  version: string;
  manifestVersion: string;
  developer: Record<string, string>;
  validDomains: string[];
  localizationInfo?: unknown;
  bots: Array<{
    botId: string;
    scopes: string[];
    supportsFiles: boolean;
    commandLists: Array<{ scopes: string[]; commands: Array<{ title: string }> }>;
  }>;
}

function readZip(file: string): { names: string[]; manifest: PackagedManifest; text: string } {
  const zip = new AdmZip(file);
  const text = zip.readAsText('manifest.json');
  return { names: zip.getEntries().map((entry) => entry.entryName).sort(), manifest: JSON.parse(text), text };
}

describe('teams:package', () => {
  it('writes a zip with the manifest and both icons, carrying the bot id and the package version', async () => {
    const out = path.join(tmp, 'app.zip');
    const result = await buildTeamsPackage({ root: ROOT, out, env: { MicrosoftAppId: BOT_ID } });

    expect(result.outPath).toBe(out);
    expect(result.schemaVersion).toBe('v1.30');
    const { names, manifest, text } = readZip(out);
    expect(names).toEqual(['color.png', 'it.json', 'manifest.json', 'outline.png']);
    expect(manifest.id).toBe(BOT_ID);
    expect(manifest.bots[0]?.botId).toBe(BOT_ID);
    expect(manifest.version).toBe(PACKAGE_VERSION);
    expect(manifest.manifestVersion).toBe('1.30');
    expect(text).not.toContain('${{');
    expect(await validateManifest(text)).toEqual({ schemaVersion: 'v1.30', errors: [] });
  });

  it('offers the bot in personal chat, group chats and channels with the command hints', async () => {
    const out = path.join(tmp, 'app.zip');
    await buildTeamsPackage({ root: ROOT, out, env: { MicrosoftAppId: BOT_ID } });
    const bot = readZip(out).manifest.bots[0]!;

    expect(bot.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(bot.supportsFiles).toBe(false);
    const lists = bot.commandLists;
    expect(lists.flatMap((list) => list.scopes).sort()).toEqual(['groupChat', 'personal', 'team']);
    for (const list of lists) {
      expect(list.commands.map((command) => command.title)).toEqual([
        'Where is the Tonale made?',
        'Who owns Alfa Romeo?',
        'Help',
      ]);
    }
  });

  it('uses the newest Teams schema bundled with @microsoft/app-manifest', () => {
    const schemasDir = path.join(path.dirname(require.resolve('@microsoft/app-manifest')), 'json-schemas', 'teams');
    const versions = fs
      .readdirSync(schemasDir)
      .filter((name) => /^v\d+\.\d+$/.test(name))
      .map((name) => name.slice(1).split('.').map(Number));
    const [major, minor] = versions.sort(([a1 = 0, a2 = 0], [b1 = 0, b2 = 0]) => b1 - a1 || b2 - a2)[0] ?? [];
    const newest = `v${major}.${minor}`;
    expect(newest).toBe('v1.30');
    const template = JSON.parse(fs.readFileSync(path.join(MANIFEST_DIR, TEMPLATE_FILE), 'utf8'));
    expect(template.$schema).toBe(`https://developer.microsoft.com/json-schemas/teams/${newest}/MicrosoftTeams.schema.json`);
  });

  it('takes the developer details and the bot domain from the environment', async () => {
    const out = path.join(tmp, 'app.zip');
    const result = await buildTeamsPackage({
      root: ROOT,
      out,
      env: {
        MicrosoftAppId: ` ${BOT_ID} `,
        TEAMS_DEVELOPER_NAME: 'Northside Motors',
        TEAMS_WEBSITE_URL: 'https://dealer.example/',
        TEAMS_PRIVACY_URL: 'https://dealer.example/privacy',
        TEAMS_TERMS_URL: 'https://dealer.example/terms',
        BOT_DOMAIN: 'https://faq-bot.azurewebsites.net/api/messages',
      },
    });
    const { manifest } = readZip(out);

    expect(manifest.developer).toEqual({
      name: 'Northside Motors',
      websiteUrl: 'https://dealer.example/',
      privacyUrl: 'https://dealer.example/privacy',
      termsOfUseUrl: 'https://dealer.example/terms',
    });
    expect(manifest.validDomains).toEqual(['faq-bot.azurewebsites.net']);
    expect(result.warnings).toEqual([]);
  });

  it('warns about placeholder developer details and leaves validDomains empty without BOT_DOMAIN', async () => {
    const out = path.join(tmp, 'app.zip');
    const result = await buildTeamsPackage({ root: ROOT, out, env: { MicrosoftAppId: BOT_ID } });

    expect(readZip(out).manifest.validDomains).toEqual([]);
    expect(result.warnings.join('\n')).toMatch(/TEAMS_PRIVACY_URL is not set; using the placeholder "https:\/\/example\.com\/privacy"/);
  });

  it('fails with the schema messages when the manifest is broken, and writes nothing', async () => {
    const manifestDir = manifestCopy((manifest) => {
      delete manifest.description;
      manifest.accentColor = 'alfa red';
    });
    const out = path.join(tmp, 'app.zip');
    const run = buildTeamsPackage({ root: ROOT, manifestDir, out, env: { MicrosoftAppId: BOT_ID } });

    await expect(run).rejects.toThrow(TeamsPackageError);
    await expect(run).rejects.toThrow(/does not match the official schema v1\.30/);
    await expect(run).rejects.toThrow(/\(root\) must have required property 'description'/);
    await expect(run).rejects.toThrow(/\/accentColor must match pattern/);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('carries the Italian listing, valid against the Teams localization schema', async () => {
    const out = path.join(tmp, 'app.zip');
    await buildTeamsPackage({ root: ROOT, out, env: { MicrosoftAppId: BOT_ID } });
    const zip = new AdmZip(out);
    const { manifest } = readZip(out);
    expect(manifest.localizationInfo).toEqual({ defaultLanguageTag: 'en-us', additionalLanguages: [{ languageTag: 'it-it', file: 'it.json' }] });
    const italian = JSON.parse(zip.readAsText('it.json'));
    expect(italian['name.full']).toBe('Assistente FAQ Alfa Romeo');
    // Every command hint of the English manifest has its Italian title.
    const commands = manifest.bots[0]!.commandLists.flatMap((list, i) => list.commands.map((_, j) => `bots[0].commandLists[${i}].commands[${j}].title`));
    expect(commands.filter((key) => typeof italian[key] !== 'string')).toEqual([]);
  });

  it('fails with the localization schema message when a translation is broken', async () => {
    const manifestDir = manifestCopy();
    const file = path.join(manifestDir, 'it.json');
    fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(fs.readFileSync(file, 'utf8')), 'name.short': 'x'.repeat(31), colour: 'rosso' }));
    const out = path.join(tmp, 'app.zip');
    const run = buildTeamsPackage({ root: ROOT, manifestDir, out, env: { MicrosoftAppId: BOT_ID } });
    await expect(run).rejects.toThrow(/translations do not match the official localization schema v1\.30/);
    await expect(run).rejects.toThrow(/it\.json .*name\.short/);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('fails with the schema message when an environment value is invalid', async () => {
    const run = buildTeamsPackage({
      root: ROOT,
      out: path.join(tmp, 'app.zip'),
      env: { MicrosoftAppId: BOT_ID, TEAMS_PRIVACY_URL: 'dealer.example/privacy' },
    });
    await expect(run).rejects.toThrow(/\/developer\/privacyUrl must match pattern/);
  });

  it('fails clearly when MicrosoftAppId is missing or not a GUID', async () => {
    const out = path.join(tmp, 'app.zip');
    await expect(buildTeamsPackage({ root: ROOT, out, env: {} })).rejects.toThrow(/MicrosoftAppId is not set.*set MicrosoftAppId/);
    await expect(buildTeamsPackage({ root: ROOT, out, env: { MicrosoftAppId: '  ' } })).rejects.toThrow(/MicrosoftAppId is not set/);
    await expect(buildTeamsPackage({ root: ROOT, out, env: { MicrosoftAppId: 'my-bot' } })).rejects.toThrow(
      /MicrosoftAppId must be a GUID.*"my-bot"/,
    );
    expect(fs.existsSync(out)).toBe(false);
  });

  it('refuses a token the packager does not know', async () => {
    const manifestDir = manifestCopy((manifest) => {
      manifest.name = { short: '${{TEAMS_APP_NAME}}' };
    });
    await expect(
      buildTeamsPackage({ root: ROOT, manifestDir, out: path.join(tmp, 'app.zip'), env: { MicrosoftAppId: BOT_ID } }),
    ).rejects.toThrow(/Unknown token \$\{\{TEAMS_APP_NAME\}\} at \/name\/short/);
  });
});

describe('Teams icons', () => {
  it('are checked in as a 192x192 colour icon and a transparent 32x32 outline icon', () => {
    expect(readPngInfo(fs.readFileSync(path.join(MANIFEST_DIR, 'color.png')))).toEqual({ width: 192, height: 192, hasAlpha: true });
    expect(readPngInfo(fs.readFileSync(path.join(MANIFEST_DIR, 'outline.png')))).toEqual({ width: 32, height: 32, hasAlpha: true });
  });

  it('outline icon is white on transparency', () => {
    const png = fs.readFileSync(path.join(MANIFEST_DIR, 'outline.png'));
    const image = decodeRgba(png);
    let opaque = 0;
    for (let i = 0; i < image.length; i += 4) {
      if (image[i + 3] === 0) continue;
      opaque++;
      expect([image[i], image[i + 1], image[i + 2]]).toEqual([255, 255, 255]);
    }
    expect(opaque).toBeGreaterThan(50);
    expect(image[3]).toBe(0); // the corner is transparent
  });

  it('fails when an icon has the wrong size', async () => {
    const manifestDir = manifestCopy();
    const blank = { width: 64, height: 64, rgba: new Uint8Array(64 * 64 * 4) };
    fs.writeFileSync(path.join(manifestDir, 'color.png'), encodePng(blank));
    await expect(
      buildTeamsPackage({ root: ROOT, manifestDir, out: path.join(tmp, 'app.zip'), env: { MicrosoftAppId: BOT_ID } }),
    ).rejects.toThrow(/icons\.color: color\.png is 64x64, Teams needs 192x192/);
  });

  it('fails when the outline icon has no transparency or is missing or is not a PNG', async () => {
    const manifestDir = manifestCopy();
    const opaque = fs.readFileSync(path.join(MANIFEST_DIR, 'outline.png'));
    opaque[25] = 2; // colour type: RGB without alpha (the reader looks only at the header)
    fs.writeFileSync(path.join(manifestDir, 'outline.png'), opaque);
    const env = { MicrosoftAppId: BOT_ID };
    const out = path.join(tmp, 'app.zip');
    await expect(buildTeamsPackage({ root: ROOT, manifestDir, out, env })).rejects.toThrow(/outline\.png has no transparency/);

    fs.writeFileSync(path.join(manifestDir, 'outline.png'), 'not a png');
    await expect(buildTeamsPackage({ root: ROOT, manifestDir, out, env })).rejects.toThrow(/outline\.png is not a PNG file/);

    fs.rmSync(path.join(manifestDir, 'color.png'));
    await expect(buildTeamsPackage({ root: ROOT, manifestDir, out, env })).rejects.toThrow(/icons\.color: .*color\.png does not exist/);
  });
});

describe('teams:package command line', () => {
  let cli: string;
  let cliDir: string;
  beforeAll(() => {
    // The same source the build compiles, transpiled next to the project so its imports resolve.
    fs.mkdirSync(path.join(ROOT, 'test-artifacts'), { recursive: true });
    cliDir = fs.mkdtempSync(path.join(ROOT, 'test-artifacts', 'teams-cli-'));
    cli = path.join(cliDir, 'teams-package.js');
    const source = fs.readFileSync(path.join(ROOT, 'scripts', 'teams-package.ts'), 'utf8');
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    });
    fs.writeFileSync(cli, outputText);
  });
  afterAll(() => {
    fs.rmSync(cliDir, { recursive: true, force: true });
  });

  function runCli(args: string[], env: Record<string, string>) {
    return spawnSync(process.execPath, [cli, ...args], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' });
  }

  it('writes the zip given by --out and prints its path', () => {
    const out = path.join(tmp, 'cli.zip');
    const run = runCli(['--out', out], { MicrosoftAppId: BOT_ID });

    expect(run.stderr).not.toMatch(/error/);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`written to ${out}`);
    expect(readZip(out).manifest.bots[0]?.botId).toBe(BOT_ID);
  });

  it('exits non-zero with a clear message when MicrosoftAppId is empty', () => {
    const out = path.join(tmp, 'cli.zip');
    const run = runCli(['--out', out], { MicrosoftAppId: '' });

    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^error: MicrosoftAppId is not set/m);
    expect(fs.existsSync(out)).toBe(false);
  });
});

/** Minimal decoder for the unfiltered 8-bit RGBA PNGs the icon script writes. */
function decodeRgba(png: Buffer): Uint8Array {
  const width = png.readUInt32BE(16);
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length; at += 12 + png.readUInt32BE(at)) {
    if (png.toString('ascii', at + 4, at + 8) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + png.readUInt32BE(at)));
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const rowBytes = width * 4;
  const rows: Buffer[] = [];
  for (let at = 0; at < raw.length; at += rowBytes + 1) {
    expect(raw[at]).toBe(0); // filter type none
    rows.push(raw.subarray(at + 1, at + 1 + rowBytes));
  }
  return new Uint8Array(Buffer.concat(rows));
}
