/**
 * Builds the Microsoft Teams app package: manifest/manifest.template.json with its
 * ${{TOKENS}} filled in, validated offline against the official Teams schema, zipped
 * with the two icons.
 *
 *   npm run build && npm run teams:package [-- --out path/to/app.zip]
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import AdmZip from 'adm-zip';
import dotenv from 'dotenv';
import { AppManifestUtils } from '@microsoft/app-manifest';

type Env = Readonly<Record<string, string | undefined>>;
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface TeamsPackageOptions {
  /** Project root holding package.json and manifest/ (default: the current directory). */
  readonly root?: string;
  /** Folder with manifest.template.json and the icons (default: <root>/manifest). */
  readonly manifestDir?: string;
  /** Where to write the zip (default: <root>/dist/teams/<name>-<version>.zip). */
  readonly out?: string;
  /** Environment supplying MicrosoftAppId and the TEAMS_* settings (default: process.env). */
  readonly env?: Env;
}

export interface TeamsPackageResult {
  /** Absolute path of the zip written. */
  readonly outPath: string;
  /** The manifest.json text stored in the zip. */
  readonly manifestText: string;
  /** Teams schema version the manifest was validated against, e.g. "v1.30". */
  readonly schemaVersion: string;
  /** Non-fatal remarks, e.g. placeholder developer URLs still in use. */
  readonly warnings: readonly string[];
}

/** A packaging failure meant for the user: a summary plus one line per problem. */
export class TeamsPackageError extends Error {
  constructor(
    summary: string,
    readonly details: readonly string[] = [],
  ) {
    super(details.length ? `${summary}\n${details.map((line) => `  - ${line}`).join('\n')}` : summary);
    this.name = 'TeamsPackageError';
  }
}

export const TEMPLATE_FILE = 'manifest.template.json';

/** Developer details Teams requires; placeholders until the dealer sets real ones. */
const DEVELOPER_DEFAULTS = {
  TEAMS_DEVELOPER_NAME: 'Example Dealer',
  TEAMS_WEBSITE_URL: 'https://example.com',
  TEAMS_PRIVACY_URL: 'https://example.com/privacy',
  TEAMS_TERMS_URL: 'https://example.com/terms',
} as const;

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
// Teams accepts only major.minor.patch, without pre-release or build suffixes.
const TEAMS_VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const TOKEN = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

// ---------------------------------------------------------------- settings

function readPackageJson(root: string): { name: string; version: string } {
  const file = path.join(root, 'package.json');
  const pkg: Json = JSON.parse(fs.readFileSync(file, 'utf8'));
  const name = field(pkg, 'name');
  const version = field(pkg, 'version');
  if (typeof name !== 'string' || typeof version !== 'string') {
    throw new TeamsPackageError(`${file} needs a "name" and a "version"`);
  }
  if (!TEAMS_VERSION.test(version)) {
    throw new TeamsPackageError(
      `package.json version "${version}" cannot be a Teams app version: Teams accepts only major.minor.patch (e.g. 1.2.3)`,
    );
  }
  return { name: name.replace(/^@[^/]+\//, ''), version };
}

function requireAppId(env: Env): string {
  const appId = env.MicrosoftAppId?.trim() ?? '';
  if (!appId) {
    throw new TeamsPackageError(
      'MicrosoftAppId is not set. A Teams package needs the bot\'s Microsoft App ID: set MicrosoftAppId in .env or the environment ' +
        '(Azure portal > your Azure Bot > Configuration > Microsoft App ID).',
    );
  }
  if (!GUID.test(appId)) {
    throw new TeamsPackageError(`MicrosoftAppId must be a GUID (the bot's Microsoft App ID), got "${appId}"`);
  }
  return appId;
}

/** Teams wants bare domains in validDomains; accept a URL too and keep only its host. */
function botDomain(env: Env): string {
  const raw = env.BOT_DOMAIN?.trim() ?? '';
  if (!raw) return '';
  const host = raw.includes('://') ? safeHost(raw) : raw.replace(/\/+$/, '');
  if (!/^(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(:\d+)?$/.test(host)) {
    throw new TeamsPackageError(`BOT_DOMAIN must be a domain such as mybot.azurewebsites.net, got "${raw}"`);
  }
  return host;
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** Values for the template's ${{TOKENS}}, plus warnings for placeholders still in use. */
export function templateValues(env: Env, version: string): { values: Record<string, string>; warnings: string[] } {
  const warnings: string[] = [];
  const values: Record<string, string> = {
    MicrosoftAppId: requireAppId(env),
    APP_VERSION: version,
    BOT_DOMAIN: botDomain(env),
  };
  for (const [name, fallback] of Object.entries(DEVELOPER_DEFAULTS)) {
    const value = env[name]?.trim();
    values[name] = value || fallback;
    if (!value) warnings.push(`${name} is not set; using the placeholder "${fallback}"`);
  }
  return { values, warnings };
}

// ---------------------------------------------------------------- template

/**
 * Replaces ${{NAME}} inside every string of the template. An array item that is only a
 * token whose value is empty is left out, so optional lists (validDomains) can stay empty.
 */
export function fillTemplate(template: Json, values: Readonly<Record<string, string>>, at = ''): Json {
  if (typeof template === 'string') {
    return template.replace(TOKEN, (_, name: string) => {
      const value = values[name];
      if (value === undefined) throw new TeamsPackageError(`Unknown token \${{${name}}} at ${at || '(root)'} in ${TEMPLATE_FILE}`);
      return value;
    });
  }
  if (Array.isArray(template)) {
    const filled = template.map((item, i) => fillTemplate(item, values, `${at}/${i}`));
    return filled.filter((item, i) => !(item === '' && isOnlyToken(template[i])));
  }
  if (template !== null && typeof template === 'object') {
    return Object.fromEntries(Object.entries(template).map(([key, value]) => [key, fillTemplate(value, values, `${at}/${key}`)]));
  }
  return template;
}

function isOnlyToken(item: Json | undefined): boolean {
  return typeof item === 'string' && item !== '' && item.replace(TOKEN, '') === '';
}

function field(value: Json | undefined, key: string): Json | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value[key] : undefined;
}

// ---------------------------------------------------------------- schema

/** The Teams schemas bundled with @microsoft/app-manifest, a folder per version. */
function bundledSchemas(): string {
  return path.join(path.dirname(require.resolve('@microsoft/app-manifest')), 'json-schemas', 'teams');
}

/** The bundled schema file for a Teams $schema URL; never fetched from the network. */
function localSchemaFile(schemaUrl: Json | undefined): { file: string; version: string } {
  const match =
    typeof schemaUrl === 'string'
      ? /^https:\/\/developer\.microsoft\.com\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?json-schemas\/teams\/(v[0-9A-Za-z.]+)\/MicrosoftTeams\.schema\.json$/i.exec(
          schemaUrl,
        )
      : null;
  if (!match) {
    throw new TeamsPackageError(
      `The manifest's "$schema" must be a Teams schema URL such as ` +
        `https://developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.schema.json, got ${JSON.stringify(schemaUrl ?? null)}`,
    );
  }
  const version = match[1]!;
  const schemasDir = bundledSchemas();
  const file = path.join(schemasDir, version, 'MicrosoftTeams.schema.json');
  if (!fs.existsSync(file)) {
    const bundled = fs.existsSync(schemasDir) ? fs.readdirSync(schemasDir).join(', ') : 'none';
    throw new TeamsPackageError(`Teams schema ${version} is not bundled with @microsoft/app-manifest (bundled: ${bundled})`);
  }
  return { file, version };
}

/**
 * Validates manifest.json text against the official Teams schema named by its "$schema",
 * offline. Returns the schema version and one "<instancePath> <message>" line per error.
 */
export async function validateManifest(manifestText: string): Promise<{ schemaVersion: string; errors: string[] }> {
  const manifest: Json = JSON.parse(manifestText);
  const { file, version } = localSchemaFile(field(manifest, '$schema'));
  // Passing the schema ourselves keeps the library from ever downloading one.
  const schema = JSON.parse(fs.readFileSync(file, 'utf8'));
  const errors = await AppManifestUtils.validateAgainstSchema(JSON.parse(manifestText), schema);
  // The library prints the root as an empty instancePath; name it.
  return { schemaVersion: version, errors: errors.map((error) => (error.startsWith(' ') ? `(root)${error}` : error)) };
}

/**
 * The official localization schema's keys for activity types end in "\\b]": a lone "]" that
 * Unicode-mode regular expressions (which the validator compiles) refuse. Escaped here, in memory,
 * so the schema compiles; nothing else of it changes.
 */
function unicodeSafe<T extends { patternProperties?: Record<string, unknown> }>(schema: T): T {
  if (!schema.patternProperties) return schema;
  const patternProperties = Object.fromEntries(Object.entries(schema.patternProperties).map(([key, value]) => [key.replace(/\\b\]/g, '\\b\\]'), value]));
  return { ...schema, patternProperties };
}

/**
 * The manifest's translations (localizationInfo.additionalLanguages): each file read from the
 * manifest folder and validated offline against the Teams localization schema of the manifest's
 * version. Entry name → file text.
 */
async function readLocalizations(manifest: Json, manifestDir: string, schemaVersion: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const languages = field(field(manifest, 'localizationInfo'), 'additionalLanguages');
  if (!Array.isArray(languages)) return files;
  const schema = unicodeSafe(JSON.parse(fs.readFileSync(path.join(bundledSchemas(), schemaVersion, 'MicrosoftTeams.Localization.schema.json'), 'utf8')));
  const problems: string[] = [];
  for (const language of languages) {
    const relative = field(language, 'file');
    const tag = field(language, 'languageTag');
    const file = typeof relative === 'string' ? path.resolve(manifestDir, relative) : '';
    if (!file || path.relative(manifestDir, file).startsWith('..')) {
      problems.push(`localizationInfo: the file of ${String(tag)} must be a path inside ${manifestDir}, got ${JSON.stringify(relative ?? null)}`);
      continue;
    }
    let text: string;
    let translation;
    try {
      text = fs.readFileSync(file, 'utf8');
      translation = JSON.parse(text);
    } catch (error) {
      problems.push(`localizationInfo: ${file}: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    const errors = await AppManifestUtils.validateAgainstSchema(translation, schema);
    for (const error of errors) problems.push(`${relative} ${error.trim()}`);
    files.set(String(relative), Buffer.from(text, 'utf8'));
  }
  if (problems.length) throw new TeamsPackageError(`The Teams manifest's translations do not match the official localization schema ${schemaVersion}`, problems);
  return files;
}

// ---------------------------------------------------------------- icons

export interface PngInfo {
  readonly width: number;
  readonly height: number;
  readonly hasAlpha: boolean;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Reads size and transparency from a PNG's header and chunk list; undefined if not a PNG. */
export function readPngInfo(png: Buffer): PngInfo | undefined {
  if (png.length < 33 || !png.subarray(0, 8).equals(PNG_SIGNATURE) || png.toString('ascii', 12, 16) !== 'IHDR') {
    return undefined;
  }
  const colorType = png[25];
  // Colour types 4 and 6 carry an alpha channel; the others are transparent only with a tRNS chunk.
  let hasAlpha = colorType === 4 || colorType === 6;
  for (let at = 8; !hasAlpha && at + 8 <= png.length; at += 12 + png.readUInt32BE(at)) {
    hasAlpha = png.toString('ascii', at + 4, at + 8) === 'tRNS';
  }
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), hasAlpha };
}

const ICON_RULES = [
  { key: 'color', size: 192, transparent: false },
  { key: 'outline', size: 32, transparent: true },
  { key: 'color32x32', size: 32, transparent: true },
] as const;

/** Checks every icon the manifest names; returns zip entry name -> file content. */
function readIcons(manifest: Json, manifestDir: string): Map<string, Buffer> {
  const icons = new Map<string, Buffer>();
  const problems: string[] = [];
  for (const rule of ICON_RULES) {
    const relative = field(field(manifest, 'icons'), rule.key);
    if (typeof relative !== 'string') continue;
    const entry = relative.replace(/\\/g, '/');
    if (path.isAbsolute(entry) || entry.split('/').includes('..')) {
      problems.push(`icons.${rule.key} must be a path inside ${manifestDir}, got "${relative}"`);
      continue;
    }
    const file = path.join(manifestDir, entry);
    if (!fs.existsSync(file)) {
      problems.push(`icons.${rule.key}: ${file} does not exist`);
      continue;
    }
    const png = fs.readFileSync(file);
    const info = readPngInfo(png);
    if (!info) problems.push(`icons.${rule.key}: ${entry} is not a PNG file`);
    else if (info.width !== rule.size || info.height !== rule.size) {
      problems.push(`icons.${rule.key}: ${entry} is ${info.width}x${info.height}, Teams needs ${rule.size}x${rule.size}`);
    } else if (rule.transparent && !info.hasAlpha) {
      problems.push(`icons.${rule.key}: ${entry} has no transparency; Teams needs a white glyph on a transparent background`);
    } else icons.set(entry, png);
  }
  if (problems.length) throw new TeamsPackageError('The Teams app icons are not usable', problems);
  return icons;
}

// ---------------------------------------------------------------- package

/** Fills the template, validates it and the icons, and writes the app package zip. */
export async function buildTeamsPackage(options: TeamsPackageOptions = {}): Promise<TeamsPackageResult> {
  const root = path.resolve(options.root ?? process.cwd());
  const manifestDir = path.resolve(root, options.manifestDir ?? 'manifest');
  const pkg = readPackageJson(root);
  const { values, warnings } = templateValues(options.env ?? process.env, pkg.version);

  const templateFile = path.join(manifestDir, TEMPLATE_FILE);
  let template: Json;
  try {
    template = JSON.parse(fs.readFileSync(templateFile, 'utf8'));
  } catch (error) {
    throw new TeamsPackageError(`Cannot read ${templateFile}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const manifest = fillTemplate(template, values);
  const manifestText = JSON.stringify(manifest, null, 2) + '\n';

  const { schemaVersion, errors } = await validateManifest(manifestText);
  if (errors.length) {
    throw new TeamsPackageError(`The Teams manifest does not match the official schema ${schemaVersion}`, errors);
  }
  const icons = readIcons(manifest, manifestDir);
  const translations = await readLocalizations(manifest, manifestDir, schemaVersion);

  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(manifestText, 'utf8'));
  for (const [entry, png] of icons) zip.addFile(entry, png);
  for (const [entry, text] of translations) zip.addFile(entry, text);
  const outPath = path.resolve(root, options.out ?? path.join('dist', 'teams', `${pkg.name}-${pkg.version}.zip`));
  fs.mkdirSync(path.dirname(outPath), { recursive: true });
  fs.writeFileSync(outPath, zip.toBuffer());
  return { outPath, manifestText, schemaVersion, warnings };
}

// ---------------------------------------------------------------- CLI

const USAGE = `Usage: npm run teams:package [-- --out <file.zip>]

Writes the Microsoft Teams app package (manifest.json, color.png, outline.png, and its translations).
Reads MicrosoftAppId, BOT_DOMAIN and TEAMS_* from the environment or .env.`;

function parseCli(argv: string[]): { out?: string; help: boolean } | string {
  try {
    const { values } = parseArgs({
      args: argv,
      options: { out: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' } },
    });
    return { out: values.out, help: values.help ?? false };
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

async function main(argv: string[]): Promise<number> {
  const args = parseCli(argv);
  if (typeof args === 'string') {
    process.stderr.write(`${args}\n\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const root = process.cwd();
  // .env fills in what the real environment leaves unset, without touching process.env.
  const env = { ...process.env };
  dotenv.config({ path: path.join(root, '.env'), processEnv: env, quiet: true });
  try {
    const result = await buildTeamsPackage({ root, env, out: args.out });
    for (const warning of result.warnings) process.stderr.write(`warning: ${warning}\n`);
    const shown = path.relative(root, result.outPath);
    const where = shown.startsWith('..') || path.isAbsolute(shown) ? result.outPath : shown;
    process.stdout.write(`Teams app package (schema ${result.schemaVersion}) written to ${where}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof TeamsPackageError)) throw error;
    process.stderr.write(`error: ${error.message}\n`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
