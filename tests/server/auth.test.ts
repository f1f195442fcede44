// Accounts: first-run set-up, password hashing, session cookies, login rate limiting, roles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/server/auth.js';
import { ADMIN, Client, PASSWORD, createUser, login, makeServer, setupAdmin } from './helpers.js';

describe('first run and accounts', () => {
  let ctx: Awaited<ReturnType<typeof makeServer>>;
  beforeAll(async () => {
    ctx = await makeServer();
  });
  afterAll(() => ctx.close());

  it('sends a fresh installation to the administrator set-up; there is no default account', async () => {
    const c = new Client(ctx.server.app);
    const home = await c.get('/');
    expect(home.statusCode).toBe(302);
    expect(home.headers.location).toBe('/setup');
    expect((await c.get('/login')).headers.location).toBe('/setup');
    const setup = await c.get('/setup');
    expect(setup.statusCode).toBe(200);
    expect(setup.body).toContain('Eerste gebruik');
    expect(ctx.server.db.userCount()).toBe(0);
    // Common default credentials do not work.
    const r = await c.post('/login', { username: 'admin', password: 'admin' });
    expect(r.statusCode).toBe(401);
  });

  it('needs the set-up code shown in the terminal: whoever reaches the server first cannot claim it', async () => {
    const token = ctx.server.setupToken!;
    expect(token.length).toBeGreaterThanOrEqual(16);
    const c = new Client(ctx.server.app);
    const page = await c.get('/setup');
    expect(page.body).toContain('name="token"');
    const form = { username: 'indringer', name: 'X', password: PASSWORD, password2: PASSWORD };
    expect((await c.post('/setup', form)).statusCode).toBe(403);
    expect((await c.post('/setup', { ...form, token: token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A') })).statusCode).toBe(403);
    expect(ctx.server.db.userCount()).toBe(0);
    // The link from the terminal carries the code in a hidden field.
    expect((await c.get(`/setup?token=${token}`)).body).toContain(`<input type="hidden" name="token" value="${token}">`);
  });

  it('refuses a short or mismatched password at set-up', async () => {
    const c = new Client(ctx.server.app);
    const token = ctx.server.setupToken!;
    await c.get('/setup');
    expect((await c.post('/setup', { username: 'beheer', name: 'B', password: 'kort', password2: 'kort', token })).statusCode).toBe(400);
    expect((await c.post('/setup', { username: 'beheer', name: 'B', password: 'a'.repeat(12), password2: 'b'.repeat(12), token })).statusCode).toBe(400);
    expect(ctx.server.db.userCount()).toBe(0);
  });

  it('creates the administrator once, with a salted scrypt hash', async () => {
    await setupAdmin(ctx.server.app, ctx.server.setupToken);
    const row = ctx.server.db.get<{ password_hash: string; role: string }>('SELECT password_hash, role FROM users WHERE username = ?', ADMIN.username)!;
    expect(row.role).toBe('administrator');
    expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(row.password_hash).not.toContain(ADMIN.password);
    expect(await verifyPassword(ADMIN.password, row.password_hash)).toBe(true);
    expect(await verifyPassword(ADMIN.password + 'x', row.password_hash)).toBe(false);
    expect(ctx.server.setupToken).toBeUndefined();
    // A second set-up is refused once an account exists.
    const c = new Client(ctx.server.app);
    await c.get('/login');
    const again = await c.post('/setup', { username: 'tweede', name: 'X', password: PASSWORD, password2: PASSWORD });
    expect(again.statusCode).toBe(403);
    expect(ctx.server.db.userCount()).toBe(1);
  });

  it('gives two users with the same password different hashes', async () => {
    const admin = await login(ctx.server.app, ADMIN.username, ADMIN.password);
    await createUser(admin, 'exa1', 'examiner');
    await createUser(admin, 'exa2', 'examiner');
    const [a, b] = ctx.server.db.all<{ password_hash: string }>("SELECT password_hash FROM users WHERE username IN ('exa1','exa2')");
    expect(a.password_hash).not.toBe(b.password_hash);
  });

  it('sets an httpOnly, sameSite session cookie, Secure when configured, and a new session id on login', async () => {
    const c = new Client(ctx.server.app);
    const page = await c.get('/login');
    const before = c.cookies.get('proeflab.sid');
    expect(before).toBeDefined();
    const r = await c.post('/login', { username: 'exa1', password: PASSWORD });
    expect(r.statusCode).toBe(303);
    const set = [r.headers['set-cookie']].flat().join('\n');
    expect(set).toMatch(/proeflab\.sid=/);
    expect(set).toMatch(/HttpOnly/i);
    expect(set).toMatch(/SameSite=Lax/i);
    expect(c.cookies.get('proeflab.sid')).not.toBe(before);
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");

    // Default 'auto': Secure whenever the request came over HTTPS (here: through a proxy).
    expect(set).not.toMatch(/;\s*Secure/i);
    const secure = await makeServer({ trustProxy: true });
    try {
      const p = await secure.server.app.inject({ method: 'GET', url: '/setup', headers: { 'x-forwarded-proto': 'https' } });
      expect([p.headers['set-cookie']].flat().join('\n')).toMatch(/proeflab\.sid=.*;\s*Secure/i);
    } finally {
      await secure.close();
    }
  });

  it('rejects a wrong password and a disabled account without saying which', async () => {
    const c = new Client(ctx.server.app);
    await c.get('/login');
    const wrong = await c.post('/login', { username: 'exa1', password: 'fout-wachtwoord-123' });
    const unknown = await c.post('/login', { username: 'bestaat-niet', password: 'fout-wachtwoord-123' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.body).toContain('Gebruikersnaam of wachtwoord onjuist');
    expect(unknown.body).toContain('Gebruikersnaam of wachtwoord onjuist');
    ctx.server.db.run("UPDATE users SET disabled = 1 WHERE username = 'exa2'");
    expect((await c.post('/login', { username: 'exa2', password: PASSWORD })).statusCode).toBe(401);
    const audit = ctx.server.db.all<{ actor: string; status: number }>("SELECT actor, status FROM audit WHERE action = 'POST /login' AND status = 401");
    expect(audit.map((a) => a.actor)).toEqual(expect.arrayContaining(['login:exa1', 'login:bestaat-niet', 'login:exa2']));
  });

  it('keeps administrator pages from examiners and assessors', async () => {
    const admin = await login(ctx.server.app, ADMIN.username, ADMIN.password);
    await createUser(admin, 'beo1', 'assessor');
    for (const u of ['exa1', 'beo1']) {
      const c = await login(ctx.server.app, u, PASSWORD);
      expect((await c.get('/admin/users')).statusCode).toBe(403);
      expect((await c.get('/admin/audit')).statusCode).toBe(403);
      expect((await c.post('/admin/users', { username: 'x9', name: 'x', role: 'administrator', password: PASSWORD, password2: PASSWORD })).statusCode).toBe(403);
    }
    const beo = await login(ctx.server.app, 'beo1', PASSWORD);
    expect((await beo.get('/sessions/new')).statusCode).toBe(403);
    expect(ctx.server.db.get('SELECT id FROM users WHERE username = ?', 'x9')).toBeUndefined();
  });

  it('lets the administrator disable an account, which signs it out at once', async () => {
    const admin = await login(ctx.server.app, ADMIN.username, ADMIN.password);
    await createUser(admin, 'exa3', 'examiner');
    const exa3 = await login(ctx.server.app, 'exa3', PASSWORD);
    expect((await exa3.get('/')).statusCode).toBe(200);
    const id = ctx.server.db.get<{ id: number }>("SELECT id FROM users WHERE username = 'exa3'")!.id;
    await admin.get('/admin/users');
    expect((await admin.post(`/admin/users/${id}/disabled`, { disabled: '1' })).statusCode).toBe(303);
    expect((await exa3.get('/')).headers.location).toBe('/login');
    const again = new Client(ctx.server.app);
    await again.get('/login');
    expect((await again.post('/login', { username: 'exa3', password: PASSWORD })).statusCode).toBe(401);
    // Not oneself.
    const self = ctx.server.db.get<{ id: number }>('SELECT id FROM users WHERE username = ?', ADMIN.username)!.id;
    expect((await admin.post(`/admin/users/${self}/disabled`, { disabled: '1' })).statusCode).toBe(400);
    expect((await admin.post(`/admin/users/${id}/disabled`, { disabled: '0' })).statusCode).toBe(303);
    await login(ctx.server.app, 'exa3', PASSWORD);
  });

  it('logs out: the old session cookie no longer opens pages', async () => {
    const c = await login(ctx.server.app, 'exa1', PASSWORD);
    const sid = c.cookies.get('proeflab.sid')!;
    expect((await c.get('/')).statusCode).toBe(200);
    expect((await c.post('/logout')).statusCode).toBe(303);
    const stale = await ctx.server.app.inject({ method: 'GET', url: '/', headers: { cookie: `proeflab.sid=${sid}` } });
    expect(stale.statusCode).toBe(302);
    expect(stale.headers.location).toBe('/login');
  });

  it('switches the language to English and back', async () => {
    const c = new Client(ctx.server.app);
    expect((await c.get('/login')).body).toContain('<html lang="nl"');
    await c.post('/lang', { lang: 'en' });
    const en = await c.get('/login');
    expect(en.body).toContain('<html lang="en"');
    expect(en.body).toContain('Sign in');
  });
});

describe('login rate limit', () => {
  let ctx: Awaited<ReturnType<typeof makeServer>>;
  beforeAll(async () => {
    // 4 per window: setupAdmin's own login uses one.
    ctx = await makeServer({ loginRateLimit: { max: 4, timeWindow: 60_000 } });
    await setupAdmin(ctx.server.app, ctx.server.setupToken);
  });
  afterAll(() => ctx.close());

  it('answers 429 after too many attempts, even with the right password', async () => {
    const c = new Client(ctx.server.app);
    await c.get('/login');
    const codes: number[] = [];
    for (let i = 0; i < 3; i++) codes.push((await c.post('/login', { username: ADMIN.username, password: 'fout-wachtwoord-xx' })).statusCode);
    expect(codes).toEqual([401, 401, 401]);
    const blocked = await c.post('/login', { username: ADMIN.username, password: ADMIN.password });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.body).toContain('Te veel pogingen');
    // Student codes are limited the same way.
    for (let i = 0; i < 4; i++) expect((await c.post('/student/login', { code: 'AAAAA-BBBBB' })).statusCode).toBe(401);
    expect((await c.post('/student/login', { code: 'AAAAA-BBBBB' })).statusCode).toBe(429);
  });
});
