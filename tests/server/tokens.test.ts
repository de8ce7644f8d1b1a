/**
 * The floor officer's and the secretariat's tokens: replaced from the moderator's console (HTTP)
 * or from the command line (the data folder's `secrets.json`), the old one is refused from then on,
 * at the handshake, over HTTP, and for a socket it opened before.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { io as connectSocket } from 'socket.io-client';
import {
  loadSecrets,
  readSecretsFile,
  secretsPath,
  writeSecretsFile,
} from '../../server/config.ts';
import { FILE_REFRESH_MS, fileKeyring } from '../../server/keyring.ts';
import {
  OFFICER_TOKEN,
  SECRETARIAT_TOKEN,
  SESSION,
  startServer,
  tempDir,
  TestClient,
  TOKEN,
  type ClientSocket,
  type TestServer,
} from './helpers.ts';

let server: TestServer | undefined;
const opened: TestClient[] = [];
afterEach(async () => {
  for (const client of opened.splice(0)) client.close();
  await server?.close();
  server = undefined;
});

function open(url: string, auth: Record<string, unknown>): TestClient {
  const socket: ClientSocket = connectSocket(url, {
    auth: { session: SESSION, ...auth },
    forceNew: true,
    transports: ['websocket'],
    reconnection: false,
  });
  const client = new TestClient(socket);
  opened.push(client);
  return client;
}

async function roleOf(url: string, token: string): Promise<string> {
  const client = open(url, { token });
  return new Promise((resolve) => {
    client.socket.on('session:snapshot', (s) => resolve(s.view.role));
    client.socket.on('connect_error', (err) => resolve(`refused: ${err.message}`));
  });
}

const post = (url: string, path: string, token: string) =>
  fetch(`${url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });

describe('replacing a token from the console', () => {
  it('gives a new floor officer token; the old one is refused, its open socket sends no more', async () => {
    server = await startServer();
    const { url } = server;
    const before = open(url, { token: OFFICER_TOKEN });
    await before.next('session:snapshot');

    const res = await post(url, '/api/tokens/floor-officer/replace', TOKEN);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; token: string };
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{16,}$/);

    expect(await roleOf(url, OFFICER_TOKEN)).toMatch(/^refused: The token is not right/);
    expect(await roleOf(url, body.token)).toBe('floor-officer');
    const old = await fetch(`${url}/api/sessions/${SESSION}`, {
      headers: { authorization: `Bearer ${OFFICER_TOKEN}` },
    });
    expect(old.status).toBe(401);
    expect(await before.command({ type: 'floor.open' })).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    });
    // The others' tokens are untouched.
    expect(await roleOf(url, SECRETARIAT_TOKEN)).toBe('secretariat');
    expect(await roleOf(url, TOKEN)).toBe('moderator');
  });

  it('is the moderator’s alone, and only for the floor officer and the secretariat', async () => {
    server = await startServer();
    const { url } = server;
    expect((await post(url, '/api/tokens/secretariat/replace', SECRETARIAT_TOKEN)).status).toBe(
      403,
    );
    expect((await post(url, '/api/tokens/secretariat/replace', OFFICER_TOKEN)).status).toBe(403);
    const moderator = await post(url, '/api/tokens/moderator/replace', TOKEN);
    expect(moderator.status).toBe(400);
    expect(await roleOf(url, TOKEN)).toBe('moderator');
  });

  it('shows each role’s console link to the moderator', async () => {
    server = await startServer();
    const res = await fetch(`${server.url}/api/sessions/${SESSION}/access`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    const body = (await res.json()) as { links: Record<string, string>; report: string };
    expect(body.links['floor-officer']).toContain(`/console/${SESSION}?token=${OFFICER_TOKEN}`);
    expect(body.links.secretariat).toContain(`?token=${SECRETARIAT_TOKEN}`);
    expect(body.report).toContain(`/report/${SESSION}?token=${SECRETARIAT_TOKEN}`);
  });
});

describe('replacing a token from the command line (the data folder)', () => {
  it('is picked up by a running server within a second', async () => {
    const dataDir = tempDir();
    const { secrets } = loadSecrets(dataDir, {});
    let clock = 0;
    server = await startServer({
      dataDir,
      moderatorToken: secrets.moderatorToken,
      stageKey: secrets.stageKey,
      keyring: fileKeyring(dataDir, secrets, {}, () => clock),
    });
    const { url } = server;
    expect(await roleOf(url, secrets.secretariatToken)).toBe('secretariat');
    // What `gavel tokens --replace secretariat` does.
    const path = secretsPath(dataDir);
    writeSecretsFile(path, {
      ...readSecretsFile(path),
      secretariatToken: 'a-new-secretariat-token',
    });
    // The file is looked at again at most once a second, not at every handshake.
    clock += FILE_REFRESH_MS - 1;
    expect(await roleOf(url, secrets.secretariatToken)).toBe('secretariat');
    clock += 1;
    expect(await roleOf(url, secrets.secretariatToken)).toMatch(/^refused/);
    expect(await roleOf(url, 'a-new-secretariat-token')).toBe('secretariat');
    expect(await roleOf(url, secrets.floorOfficerToken)).toBe('floor-officer');
  });

  it('keeps a token set in the environment: it is not replaced', async () => {
    const dataDir = tempDir();
    const env = { GAVEL_SECRETARIAT_TOKEN: 'secretariat-from-the-environment' };
    const { secrets } = loadSecrets(dataDir, env);
    const keyring = fileKeyring(dataDir, secrets, env);
    expect(await keyring.replace('secretariat')).toMatchObject({
      ok: false,
      error: { key: 'token-from-environment' },
    });
    expect(keyring.current().secretariatToken).toBe('secretariat-from-the-environment');
  });
});
