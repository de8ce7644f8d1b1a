/**
 * A throwaway PostgreSQL for tests: a cluster made with initdb in a temporary folder, run by the
 * `postgres` user when the tests run as root (PostgreSQL refuses root), on a free loopback port.
 * It can be stopped and started again under a running Gavel, and is removed at the end.
 */
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The newest PostgreSQL Debian installed. */
function binaries(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const newest = versions[0];
  if (newest === undefined) {
    throw new Error(
      "PostgreSQL is not installed: 'npm run test:setup' installs Debian's postgresql package.",
    );
  }
  return join(root, newest, 'bin');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const asRoot = process.getuid?.() === 0;

export class TestPostgres {
  private constructor(
    private readonly bin: string,
    private readonly dir: string,
    readonly port: number,
  ) {}

  /** Makes and starts a cluster with a database `gavel`. */
  static async start(): Promise<TestPostgres> {
    const bin = binaries();
    const dir = mkdtempSync(join(tmpdir(), 'gavel-pg-'));
    if (asRoot) {
      const id = (flag: string) =>
        Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
      chownSync(dir, id('-u'), id('-g'));
    }
    const pg = new TestPostgres(bin, dir, await freePort());
    pg.run('initdb', ['-D', pg.data, '-U', 'gavel', '--auth=trust', '-E', 'UTF8', '--no-sync']);
    pg.startServer();
    pg.run('createdb', ['-h', '127.0.0.1', '-p', String(pg.port), '-U', 'gavel', 'gavel']);
    return pg;
  }

  private get data(): string {
    return join(this.dir, 'data');
  }

  /** The address Gavel is given. */
  get url(): string {
    return `postgres://gavel@127.0.0.1:${this.port}/gavel`;
  }

  private run(tool: string, args: readonly string[]): void {
    const command = join(this.bin, tool);
    const result = asRoot
      ? spawnSync('runuser', ['-u', 'postgres', '--', command, ...args], { encoding: 'utf8' })
      : spawnSync(command, args, { encoding: 'utf8' });
    if (result.status !== 0) {
      throw new Error(`${tool} failed: ${result.stderr || result.stdout || result.error}`);
    }
  }

  /** Starts (again) the server, and waits until it takes connections. */
  startServer(): void {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1`;
    this.run('pg_ctl', [
      '-D',
      this.data,
      '-l',
      join(this.dir, 'log'),
      '-o',
      options,
      '-w',
      'start',
    ]);
  }

  /** Stops the server at once, dropping every connection, as a crashed database would. */
  stopServer(): void {
    this.run('pg_ctl', ['-D', this.data, '-m', 'immediate', '-w', 'stop']);
  }

  /** Stops and removes the cluster. */
  destroy(): void {
    try {
      this.stopServer();
    } catch {
      // Already stopped.
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
