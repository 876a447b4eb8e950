import path from 'node:path';
import { discoverEmulators, EmulatorSetupError, type Probe } from './discover';

const GCLOUD_FS = '/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator/cloud-firestore-emulator.jar';
const GCLOUD_PS = '/usr/lib/google-cloud-sdk/platform/pubsub-emulator/lib/cloud-pubsub-emulator-0.8.20-all.jar';

/** A fake machine: the files that exist, symlinks, env, and what `gcloud info` would answer. */
function fakeProbe(opts: {
  files?: string[];
  links?: Record<string, string>;
  env?: Record<string, string>;
  gcloudSdkRoot?: string;
}): Probe & { gcloudAsked: () => number } {
  const files = new Set(opts.files ?? []);
  let asked = 0;
  return {
    env: { PATH: '/usr/bin:/bin', ...opts.env },
    homeDir: '/home/dev',
    isFile: (p) => files.has(p) || (opts.links?.[p] !== undefined && files.has(opts.links[p] ?? '')),
    listDir: (p) => {
      const prefix = p.endsWith('/') ? p : `${p}/`;
      const names = [...files].filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length).split('/')[0] ?? '');
      return [...new Set(names)];
    },
    realpath: (p) => opts.links?.[p] ?? (files.has(p) ? p : undefined),
    gcloudSdkRoot: () => {
      asked++;
      return opts.gcloudSdkRoot;
    },
    gcloudAsked: () => asked,
  };
}

function setupError(fn: () => unknown): EmulatorSetupError {
  try {
    fn();
  } catch (e) {
    if (e instanceof EmulatorSetupError) return e;
    throw e;
  }
  throw new Error('expected an EmulatorSetupError');
}

describe('discoverEmulators', () => {
  it('finds java on PATH and both emulators among the apt-installed gcloud components', () => {
    const probe = fakeProbe({ files: ['/usr/bin/java', '/usr/lib/google-cloud-sdk/bin/gcloud', GCLOUD_FS, GCLOUD_PS] });
    const found = discoverEmulators(probe);
    expect(found.java).toBe('/usr/bin/java');
    expect(found.firestoreJar).toEqual({ path: GCLOUD_FS, source: 'gcloud' });
    expect(found.pubsubJar).toEqual({ path: GCLOUD_PS, source: 'gcloud' });
    expect(probe.gcloudAsked()).toBe(0);
  });

  it('prefers $JAVA_HOME/bin/java over java on PATH', () => {
    const probe = fakeProbe({
      files: ['/usr/bin/java', '/opt/jdk/bin/java', GCLOUD_FS, GCLOUD_PS],
      env: { JAVA_HOME: '/opt/jdk' },
    });
    expect(discoverEmulators(probe).java).toBe('/opt/jdk/bin/java');
  });

  it('follows the gcloud symlink on PATH to an SDK in an unusual place', () => {
    const root = '/weird/place/sdk';
    const probe = fakeProbe({
      files: [
        '/usr/bin/java',
        `${root}/bin/gcloud`,
        `${root}/platform/cloud-firestore-emulator/cloud-firestore-emulator.jar`,
        `${root}/platform/pubsub-emulator/lib/cloud-pubsub-emulator-0.8.9-all.jar`,
      ],
      links: { '/usr/bin/gcloud': `${root}/bin/gcloud` },
    });
    const found = discoverEmulators(probe);
    expect(found.firestoreJar.path).toBe(`${root}/platform/cloud-firestore-emulator/cloud-firestore-emulator.jar`);
    expect(found.pubsubJar.path).toBe(`${root}/platform/pubsub-emulator/lib/cloud-pubsub-emulator-0.8.9-all.jar`);
  });

  it('asks gcloud for its SDK root only when the cheap probes found nothing', () => {
    const root = '/elsewhere/sdk';
    const probe = fakeProbe({
      files: [
        '/usr/bin/java',
        `${root}/platform/cloud-firestore-emulator/cloud-firestore-emulator.jar`,
        `${root}/platform/pubsub-emulator/lib/cloud-pubsub-emulator-0.8.20-all.jar`,
      ],
      gcloudSdkRoot: root,
    });
    expect(discoverEmulators(probe).firestoreJar.source).toBe('gcloud');
    expect(probe.gcloudAsked()).toBe(1);
  });

  it('lets explicit env vars win over installed components', () => {
    const probe = fakeProbe({
      files: ['/usr/bin/java', GCLOUD_FS, GCLOUD_PS, '/jars/fs.jar', '/jars/ps/lib/cloud-pubsub-emulator-1.0.0-all.jar'],
      env: { LG_FIRESTORE_EMULATOR_JAR: '/jars/fs.jar', LG_PUBSUB_EMULATOR_DIR: '/jars/ps' },
    });
    const found = discoverEmulators(probe);
    expect(found.firestoreJar).toEqual({ path: '/jars/fs.jar', source: 'env' });
    expect(found.pubsubJar).toEqual({ path: '/jars/ps/lib/cloud-pubsub-emulator-1.0.0-all.jar', source: 'env' });
  });

  it('ignores an env var that points at nothing and falls back to gcloud', () => {
    const probe = fakeProbe({
      files: ['/usr/bin/java', GCLOUD_FS, GCLOUD_PS],
      env: { LG_FIRESTORE_EMULATOR_JAR: '/nope.jar' },
    });
    expect(discoverEmulators(probe).firestoreJar).toEqual({ path: GCLOUD_FS, source: 'gcloud' });
  });

  it("uses the Firebase CLI's newest cached jars when gcloud has none", () => {
    const cache = '/home/dev/.cache/firebase/emulators';
    const probe = fakeProbe({
      files: [
        '/usr/bin/java',
        `${cache}/cloud-firestore-emulator-v1.9.0.jar`,
        `${cache}/cloud-firestore-emulator-v1.19.7.jar`,
        `${cache}/pubsub-emulator-0.8.2/pubsub-emulator/lib/cloud-pubsub-emulator-0.8.2.jar`,
        `${cache}/pubsub-emulator-0.8.14/pubsub-emulator/lib/cloud-pubsub-emulator-0.8.14.jar`,
      ],
    });
    const found = discoverEmulators(probe);
    expect(found.firestoreJar).toEqual({ path: `${cache}/cloud-firestore-emulator-v1.19.7.jar`, source: 'firebase-cache' });
    expect(found.pubsubJar.path).toBe(
      path.join(cache, 'pubsub-emulator-0.8.14/pubsub-emulator/lib/cloud-pubsub-emulator-0.8.14.jar'),
    );
  });

  it('names the Debian packages when apt-managed gcloud lacks the emulators', () => {
    const err = setupError(() => discoverEmulators(fakeProbe({ files: ['/usr/bin/java', '/usr/lib/google-cloud-sdk/bin/gcloud'] })));
    expect(err.missing).toEqual(['firestore', 'pubsub']);
    expect(err.message).toContain('sudo apt-get install -y google-cloud-cli-firestore-emulator google-cloud-cli-pubsub-emulator');
    expect(err.message).not.toContain('gcloud components install');
  });

  it('names the gcloud components when a self-installed SDK lacks one emulator', () => {
    const root = '/home/dev/google-cloud-sdk';
    const err = setupError(() =>
      discoverEmulators(
        fakeProbe({
          files: ['/usr/bin/java', `${root}/bin/gcloud`, `${root}/platform/pubsub-emulator/lib/cloud-pubsub-emulator-0.8.20-all.jar`],
        }),
      ),
    );
    expect(err.missing).toEqual(['firestore']);
    expect(err.message).toContain('gcloud components install cloud-firestore-emulator\n');
  });

  it('names the JRE package when java is missing', () => {
    const err = setupError(() => discoverEmulators(fakeProbe({ files: [GCLOUD_FS, GCLOUD_PS] })));
    expect(err.missing).toEqual(['java']);
    expect(err.message).toContain('sudo apt-get install -y default-jre-headless');
    expect(err.message).not.toContain('google-cloud-cli-firestore-emulator');
  });

  it('names gcloud itself and its packages when nothing at all is installed', () => {
    const err = setupError(() => discoverEmulators(fakeProbe({ env: { PATH: '' } })));
    expect(err.missing).toEqual(['java', 'firestore', 'pubsub']);
    expect(err.message).toContain('google-cloud-cli google-cloud-cli-firestore-emulator google-cloud-cli-pubsub-emulator');
    expect(err.message).toContain('LG_FIRESTORE_EMULATOR_JAR');
  });
});
