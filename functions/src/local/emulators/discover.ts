import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

/**
 * Finds Java and Google's Firestore and Pub/Sub emulators on this machine.
 * The decision logic is pure over a `Probe`, so every branch is unit-tested with a fake filesystem.
 */

/** Everything discovery needs to know about the machine. */
export interface Probe {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homeDir: string;
  isFile(p: string): boolean;
  /** Entry names of a directory, or [] when it does not exist. */
  listDir(p: string): readonly string[];
  /** The target of a symlink chain, or undefined when the path does not exist. */
  realpath(p: string): string | undefined;
  /** `gcloud info --format=value(installation.sdk_root)`; only asked when cheaper probes fail. */
  gcloudSdkRoot(): string | undefined;
}

export type Source = 'env' | 'gcloud' | 'firebase-cache';

export interface Located {
  readonly path: string;
  readonly source: Source;
}

export interface Emulators {
  readonly java: string;
  /** The Firestore emulator jar (run with `-cp jar <main class>`: gcloud's jar has no manifest). */
  readonly firestoreJar: Located;
  /** The Pub/Sub emulator's self-contained jar (runnable with `java -jar`). */
  readonly pubsubJar: Located;
}

export type Missing = 'java' | 'firestore' | 'pubsub';

/** Raised when something is missing; its message says exactly what to install, and is meant to be printed as is. */
export class EmulatorSetupError extends Error {
  override name = 'EmulatorSetupError';
  constructor(
    message: string,
    readonly missing: readonly Missing[],
  ) {
    super(message);
  }
}

export const ENV = {
  firestoreJar: 'LG_FIRESTORE_EMULATOR_JAR',
  pubsubJar: 'LG_PUBSUB_EMULATOR_JAR',
  pubsubDir: 'LG_PUBSUB_EMULATOR_DIR',
} as const;

const COMMON_SDK_ROOTS = [
  '/usr/lib/google-cloud-sdk',
  '/usr/share/google-cloud-sdk',
  '/usr/local/google-cloud-sdk',
  '/opt/google-cloud-sdk',
  '/opt/google-cloud-cli',
  '/snap/google-cloud-cli/current',
  '/snap/google-cloud-sdk/current',
];

/** Where the Debian packages install the SDK; components there come from apt, not `gcloud components`. */
const APT_SDK_ROOTS = new Set(['/usr/lib/google-cloud-sdk', '/usr/share/google-cloud-sdk']);

function findOnPath(probe: Probe, name: string): string | undefined {
  for (const dir of (probe.env.PATH ?? '').split(path.delimiter)) {
    if (dir && probe.isFile(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

export function findJava(probe: Probe): string | undefined {
  const javaHome = probe.env.JAVA_HOME;
  if (javaHome && probe.isFile(path.join(javaHome, 'bin', 'java'))) return path.join(javaHome, 'bin', 'java');
  return findOnPath(probe, 'java');
}

/** SDK roots worth looking in, best first: the one behind `gcloud` on PATH, then the usual install places. */
function sdkRootsFromPath(probe: Probe): string[] {
  const roots: string[] = [];
  const cloudsdkRoot = probe.env.CLOUDSDK_ROOT_DIR;
  if (cloudsdkRoot) roots.push(cloudsdkRoot);
  const gcloud = findOnPath(probe, 'gcloud');
  const resolved = gcloud ? probe.realpath(gcloud) : undefined;
  // <root>/bin/gcloud
  if (resolved) roots.push(path.dirname(path.dirname(resolved)));
  roots.push(...COMMON_SDK_ROOTS, path.join(probe.homeDir, 'google-cloud-sdk'));
  return [...new Set(roots)];
}

const firestoreInSdk = (root: string) => path.join(root, 'platform', 'cloud-firestore-emulator', 'cloud-firestore-emulator.jar');

/** The newest `cloud-pubsub-emulator-<version>-all.jar` in a pubsub-emulator directory's `lib/`. */
function pubsubJarInDir(probe: Probe, dir: string): string | undefined {
  const lib = path.join(dir, 'lib');
  const jars = probe.listDir(lib).filter((n) => /^cloud-pubsub-emulator-.*\.jar$/.test(n));
  const newest = newestByVersion(jars);
  return newest ? path.join(lib, newest) : undefined;
}

const pubsubInSdk = (probe: Probe, root: string) => pubsubJarInDir(probe, path.join(root, 'platform', 'pubsub-emulator'));

function versionOf(name: string): number[] {
  return (name.match(/\d+(?:\.\d+)*/)?.[0] ?? '0').split('.').map(Number);
}

function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function newestByVersion(names: readonly string[]): string | undefined {
  return [...names].sort((x, y) => compareVersions(versionOf(y), versionOf(x)))[0];
}

function firebaseCacheDir(probe: Probe): string {
  const xdg = probe.env.XDG_CACHE_HOME;
  return path.join(xdg ?? path.join(probe.homeDir, '.cache'), 'firebase', 'emulators');
}

function firestoreInFirebaseCache(probe: Probe): string | undefined {
  const dir = firebaseCacheDir(probe);
  const jars = probe.listDir(dir).filter((n) => /^cloud-firestore-emulator-v?[\d.]+\.jar$/.test(n));
  const newest = newestByVersion(jars);
  return newest ? path.join(dir, newest) : undefined;
}

function pubsubInFirebaseCache(probe: Probe): string | undefined {
  const dir = firebaseCacheDir(probe);
  const versions = probe.listDir(dir).filter((n) => /^pubsub-emulator-[\d.]+$/.test(n));
  for (const v of [...versions].sort((x, y) => compareVersions(versionOf(y), versionOf(x)))) {
    // The Firebase CLI unzips to pubsub-emulator-<v>/pubsub-emulator/{bin,lib}.
    const jar = pubsubJarInDir(probe, path.join(dir, v, 'pubsub-emulator'));
    if (jar) return jar;
  }
  return undefined;
}

interface Candidates {
  readonly firestore?: Located;
  readonly pubsub?: Located;
  /** The SDK root found, even when it lacks the components: it decides which install advice applies. */
  readonly sdkRoot?: string;
}

function searchSdkRoots(probe: Probe, roots: readonly string[]): Candidates {
  let firestore: Located | undefined;
  let pubsub: Located | undefined;
  let sdkRoot: string | undefined;
  for (const root of roots) {
    if (!sdkRoot && probe.isFile(path.join(root, 'bin', 'gcloud'))) sdkRoot = root;
    if (!firestore && probe.isFile(firestoreInSdk(root))) firestore = { path: firestoreInSdk(root), source: 'gcloud' };
    const ps = pubsub ? undefined : pubsubInSdk(probe, root);
    if (ps) pubsub = { path: ps, source: 'gcloud' };
  }
  return { ...(firestore ? { firestore } : {}), ...(pubsub ? { pubsub } : {}), ...(sdkRoot ? { sdkRoot } : {}) };
}

function fromEnv(probe: Probe): Candidates {
  const fsJar = probe.env[ENV.firestoreJar];
  const psJar = probe.env[ENV.pubsubJar];
  const psDir = probe.env[ENV.pubsubDir];
  const pubsubPath = psJar && probe.isFile(psJar) ? psJar : psDir ? pubsubJarInDir(probe, psDir) : undefined;
  return {
    ...(fsJar && probe.isFile(fsJar) ? { firestore: { path: fsJar, source: 'env' as const } } : {}),
    ...(pubsubPath ? { pubsub: { path: pubsubPath, source: 'env' as const } } : {}),
  };
}

/**
 * Resolves the emulators: an explicit env var wins, then gcloud's installed components, then the
 * Firebase CLI's cache. Throws `EmulatorSetupError` naming what to install when something is missing.
 */
export function discoverEmulators(probe: Probe): Emulators {
  const java = findJava(probe);
  const env = fromEnv(probe);
  let sdk = searchSdkRoots(probe, sdkRootsFromPath(probe));
  if (!(env.firestore ?? sdk.firestore) || !(env.pubsub ?? sdk.pubsub)) {
    const asked = probe.gcloudSdkRoot();
    // What was already found wins; the asked root only fills gaps.
    if (asked) sdk = { ...searchSdkRoots(probe, [asked]), ...sdk };
  }
  const fbFirestore = firestoreInFirebaseCache(probe);
  const fbPubsub = pubsubInFirebaseCache(probe);
  const firestoreJar =
    env.firestore ?? sdk.firestore ?? (fbFirestore ? { path: fbFirestore, source: 'firebase-cache' as const } : undefined);
  const pubsubJar = env.pubsub ?? sdk.pubsub ?? (fbPubsub ? { path: fbPubsub, source: 'firebase-cache' as const } : undefined);

  const missing: Missing[] = [];
  if (!java) missing.push('java');
  if (!firestoreJar) missing.push('firestore');
  if (!pubsubJar) missing.push('pubsub');
  if (!java || !firestoreJar || !pubsubJar) {
    throw new EmulatorSetupError(installAdvice(missing, sdk.sdkRoot), missing);
  }
  return { java, firestoreJar, pubsubJar };
}

const COMPONENT: Record<Exclude<Missing, 'java'>, { component: string; apt: string; label: string }> = {
  firestore: {
    component: 'cloud-firestore-emulator',
    apt: 'google-cloud-cli-firestore-emulator',
    label: 'the Cloud Firestore emulator',
  },
  pubsub: { component: 'pubsub-emulator', apt: 'google-cloud-cli-pubsub-emulator', label: 'the Cloud Pub/Sub emulator' },
};

/** The message printed when something is missing: what, and the exact command that installs it. */
export function installAdvice(missing: readonly Missing[], sdkRoot: string | undefined): string {
  const lines = ['The local stack needs Google\'s emulators and Java, and could not find:'];
  const emulators = missing.filter((m): m is Exclude<Missing, 'java'> => m !== 'java');
  if (missing.includes('java')) lines.push('  - Java 11 or newer (java on PATH or $JAVA_HOME/bin/java)');
  for (const m of emulators) lines.push(`  - ${COMPONENT[m].label}`);
  lines.push('', 'Install with:');
  if (missing.includes('java')) lines.push('  sudo apt-get install -y default-jre-headless');
  if (emulators.length > 0) {
    const apt = emulators.map((m) => COMPONENT[m].apt).join(' ');
    const components = emulators.map((m) => COMPONENT[m].component).join(' ');
    if (sdkRoot && !APT_SDK_ROOTS.has(sdkRoot)) {
      lines.push(`  gcloud components install ${components}`);
    } else if (sdkRoot) {
      lines.push(`  sudo apt-get install -y ${apt}    (gcloud at ${sdkRoot} is managed by apt)`);
    } else {
      lines.push(
        `  sudo apt-get install -y google-cloud-cli ${apt}`,
        '    (from Google\'s apt repository: https://cloud.google.com/sdk/docs/install#deb)',
        `  or, with the gcloud CLI installed some other way: gcloud components install ${components}`,
      );
    }
    lines.push(
      '',
      `Or point at jars you already have: ${ENV.firestoreJar}=/path/cloud-firestore-emulator.jar,`,
      `  ${ENV.pubsubDir}=/path/pubsub-emulator (the folder holding lib/cloud-pubsub-emulator-*.jar).`,
    );
  }
  return lines.join('\n');
}

/** The real machine. */
export function systemProbe(env: Readonly<Record<string, string | undefined>> = process.env): Probe {
  return {
    env,
    homeDir: homedir(),
    isFile: (p) => {
      try {
        return statSync(p).isFile();
      } catch {
        return false;
      }
    },
    listDir: (p) => {
      try {
        return readdirSync(p);
      } catch {
        return [];
      }
    },
    realpath: (p) => (existsSync(p) ? realpathSync(p) : undefined),
    gcloudSdkRoot: () => {
      try {
        const out = execFileSync('gcloud', ['info', '--format=value(installation.sdk_root)'], {
          encoding: 'utf8',
          timeout: 15_000,
          stdio: ['ignore', 'pipe', 'ignore'],
        }).trim();
        return out || undefined;
      } catch {
        return undefined;
      }
    },
  };
}
