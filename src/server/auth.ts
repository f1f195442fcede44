// Accounts, passwords and access rules. Passwords are hashed with scrypt (node:crypto), a random
// salt per user and parameters stored with the hash so they can be raised later.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ExamSessionRow, ServerDb, UserRow } from './db.js';
import { csrfField, errorPage, html, page, wordsFor } from './html.js';

const SCRYPT = { N: 2 ** 15, r: 8, p: 1, keylen: 64 };

function scrypt(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCb(password, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))));
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const { N, r, p, keylen } = SCRYPT;
  const key = await scrypt(password.normalize('NFC'), salt, keylen, { N, r, p, maxmem: 128 * N * r * 2 });
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, n, r, p, salt, hash] = stored.split('$');
  if (alg !== 'scrypt' || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const N = Number(n);
  const key = await scrypt(password.normalize('NFC'), Buffer.from(salt, 'base64'), expected.length, { N, r: Number(r), p: Number(p), maxmem: 128 * N * Number(r) * 2 });
  return timingSafeEqual(key, expected);
}

/** A hash to compare against when the user does not exist, so timing does not reveal usernames. */
let dummyHash: Promise<string> | undefined;
const dummy = () => (dummyHash ??= hashPassword(randomBytes(12).toString('hex')));

export const MIN_PASSWORD = 12;

export type MemberRole = 'examiner' | 'assessor';

/** The user's role within an exam session; administrators act as examiner everywhere. */
export function memberRole(db: ServerDb, user: UserRow | undefined, sessionId: number): MemberRole | undefined {
  if (!user) return undefined;
  if (user.role === 'administrator') return 'examiner';
  return db.get<{ role: MemberRole }>('SELECT role FROM session_members WHERE session_id = ? AND user_id = ?', sessionId, user.id)?.role;
}

/** Resolve :id to an exam session the signed-in user may see, or answer 401/403/404. */
export function sessionAccess(
  db: ServerDb,
  req: FastifyRequest,
  reply: FastifyReply,
  need: MemberRole | 'any',
): { session: ExamSessionRow; role: MemberRole } | undefined {
  const w = wordsFor(req);
  if (!req.user) {
    if (req.method === 'GET') reply.redirect('/login');
    else errorPage(req, reply, 401, w.forbidden);
    return undefined;
  }
  const id = Number((req.params as { id?: string }).id);
  const session = Number.isInteger(id) ? db.get<ExamSessionRow>('SELECT * FROM exam_sessions WHERE id = ?', id) : undefined;
  const role = session && memberRole(db, req.user, session.id);
  if (!session || !role) {
    // Outside your sessions a session does not exist for you: 403 without revealing more.
    errorPage(req, reply, session ? 403 : 404, session ? w.forbidden : w.notFound);
    return undefined;
  }
  if (need === 'examiner' && role !== 'examiner') {
    errorPage(req, reply, 403, w.forbidden);
    return undefined;
  }
  req.auditSession = session.id;
  return { session, role };
}

export function requireUser(req: FastifyRequest, reply: FastifyReply, roles?: UserRow['role'][]): UserRow | undefined {
  if (!req.user) {
    if (req.method === 'GET') reply.redirect('/login');
    else errorPage(req, reply, 401, wordsFor(req).forbidden);
    return undefined;
  }
  if (roles && !roles.includes(req.user.role)) {
    errorPage(req, reply, 403, wordsFor(req).forbidden);
    return undefined;
  }
  return req.user;
}

type Body = Record<string, string | undefined>;

/** Constant-time comparison of two strings. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function authRoutes(db: ServerDb, opts: { loginRateLimit: { max: number; timeWindow: number }; setupToken?: string }) {
  return async function (app: FastifyInstance) {
    app.get('/setup', async (req, reply) => {
      if (db.userCount() > 0) return reply.redirect('/login');
      return setupPage(req, reply, undefined, String((req.query as Body).token ?? ''));
    });

    // The set-up token is printed by `proeflab serve` in the terminal: whoever reaches the server
    // first over the network cannot claim the administrator account without it.
    const tokenOk = (t: unknown) => !opts.setupToken || sameSecret(String(t ?? ''), opts.setupToken);

    function setupPage(req: FastifyRequest, reply: FastifyReply, error?: string, token = '') {
      const w = wordsFor(req);
      return page(req, reply, {
        title: w.setupTitle,
        flash: error ? { kind: 'error', text: error } : undefined,
        body: html`<p>${w.setupIntro}</p>
<form method="post" action="/setup" class="stack narrow">${csrfField(reply)}
${opts.setupToken ? (tokenOk(token) ? html`<input type="hidden" name="token" value="${token}">` : html`<label for="f-token">${w.setupToken}</label><input id="f-token" name="token" required autocomplete="off" aria-describedby="token-help"><small id="token-help">${w.setupTokenHelp}</small>`) : ''}
<label for="f-username">${w.username}</label><input id="f-username" name="username" required autocomplete="username" maxlength="64">
<label for="f-name">${w.name}</label><input id="f-name" name="name" required maxlength="120">
<label for="f-password">${w.password}</label><input id="f-password" name="password" type="password" required minlength="${MIN_PASSWORD}" autocomplete="new-password" aria-describedby="pw-rules">
<small id="pw-rules">${w.passwordRules}</small>
<label for="f-password2">${w.passwordRepeat}</label><input id="f-password2" name="password2" type="password" required minlength="${MIN_PASSWORD}" autocomplete="new-password">
<button type="submit">${w.create}</button></form>`,
      });
    }

    app.post('/setup', async (req, reply) => {
      if (db.userCount() > 0) return errorPage(req, reply, 403, wordsFor(req).forbidden);
      const b = (req.body ?? {}) as Body;
      const w = wordsFor(req);
      const problem = validateNewUser(b, w);
      if (!tokenOk(b.token)) {
        req.auditDetail = { refused: 'setup token' };
        return setupPage(req, reply.code(403), w.setupTokenWrong);
      }
      if (problem) return setupPage(req, reply.code(400), problem, String(b.token ?? ''));
      const hash = await hashPassword(b.password!);
      // Re-check inside the write: two browsers racing the first-run form create one administrator.
      const created = db.tx(() => {
        if (db.userCount() > 0) return false;
        db.run(
          "INSERT INTO users (username, name, role, password_hash, created_at) VALUES (?, ?, 'administrator', ?, ?)",
          b.username!.trim(),
          b.name!.trim(),
          hash,
          new Date().toISOString(),
        );
        return true;
      });
      if (!created) return errorPage(req, reply, 403, w.forbidden);
      req.auditDetail = { username: b.username!.trim(), role: 'administrator' };
      return reply.redirect('/login?setup=1', 303);
    });

    app.get('/login', async (req, reply) => {
      if (db.userCount() === 0) return reply.redirect('/setup');
      if (req.user) return reply.redirect('/');
      return loginPage(req, reply, (req.query as Body).setup ? { kind: 'ok', text: wordsFor(req).setupDone } : undefined);
    });

    function loginPage(req: FastifyRequest, reply: FastifyReply, flash?: { kind: 'ok' | 'error'; text: string }) {
      const w = wordsFor(req);
      return page(req, reply, {
        title: w.login,
        flash,
        body: html`<form method="post" action="/login" class="stack narrow">${csrfField(reply)}
<label for="f-username">${w.username}</label><input id="f-username" name="username" required autocomplete="username" autofocus>
<label for="f-password">${w.password}</label><input id="f-password" name="password" type="password" required autocomplete="current-password">
<button type="submit">${w.login}</button></form>
<p><a href="/student/login">${w.studentLogin}</a></p>`,
      });
    }

    app.post(
      '/login',
      {
        config: {
          rateLimit: {
            ...opts.loginRateLimit,
            keyGenerator: (req: FastifyRequest) => `login:${req.ip}`,
          },
        },
      },
      async (req, reply) => {
        const b = (req.body ?? {}) as Body;
        const username = String(b.username ?? '').trim();
        const user = db.get<UserRow>('SELECT * FROM users WHERE username = ?', username);
        const ok = await verifyPassword(String(b.password ?? ''), user?.password_hash ?? (await dummy()));
        req.auditDetail = { username };
        if (!user || !ok || user.disabled) {
          req.auditActor = `login:${username}`;
          return loginPage(req, reply.code(401), { kind: 'error', text: wordsFor(req).loginFailed });
        }
        const lang = req.session.lang;
        // A fresh session id on login (no session fixation).
        await req.session.regenerate();
        req.session.userId = user.id;
        if (lang) req.session.lang = lang;
        req.user = user;
        return reply.redirect('/', 303);
      },
    );

    app.post('/logout', async (req, reply) => {
      await req.session.destroy();
      return reply.redirect('/login', 303);
    });

    app.post('/lang', async (req, reply) => {
      const lang = (req.body as Body)?.lang === 'en' ? 'en' : 'nl';
      req.session.lang = lang;
      const back = req.headers.referer;
      let to = '/';
      if (back) {
        try {
          const u = new URL(back);
          if (u.host === req.headers.host) to = u.pathname + u.search;
        } catch {
          /* keep / */
        }
      }
      return reply.redirect(to, 303);
    });

    // Administrator: accounts and the audit log.
    app.get('/admin/users', async (req, reply) => {
      if (!requireUser(req, reply, ['administrator'])) return reply;
      return usersPage(req, reply);
    });

    function usersPage(req: FastifyRequest, reply: FastifyReply, flash?: { kind: 'ok' | 'error'; text: string }) {
      const w = wordsFor(req);
      const users = db.all<UserRow & { created_at: string }>('SELECT * FROM users ORDER BY username');
      return page(req, reply, {
        title: w.users,
        flash,
        nav: [{ href: '/', label: w.dashboard }, { href: '/admin/users', label: w.users, current: true }],
        body: html`<table class="grid"><caption class="sr-only">${w.users}</caption><thead><tr><th scope="col">${w.username}</th><th scope="col">${w.name}</th><th scope="col">${w.role}</th><th scope="col"></th></tr></thead>
<tbody>${users.map(
          (u) => html`<tr><td>${u.username}</td><td>${u.name}</td><td>${w.roles[u.role]}${u.disabled ? html` <strong>(${w.disabled})</strong>` : ''}</td><td>${
            u.id === req.user!.id
              ? ''
              : html`<form method="post" action="/admin/users/${u.id}/disabled" class="inline">${csrfField(reply)}<input type="hidden" name="disabled" value="${u.disabled ? '0' : '1'}"><button type="submit" class="small secondary">${u.disabled ? w.enable : w.disable} <span class="sr-only">${u.username}</span></button></form>`
          }</td></tr>`,
        )}</tbody></table>
<h2>${w.newUser}</h2>
<form method="post" action="/admin/users" class="stack narrow">${csrfField(reply)}
<label for="u-username">${w.username}</label><input id="u-username" name="username" required maxlength="64">
<label for="u-name">${w.name}</label><input id="u-name" name="name" required maxlength="120">
<label for="u-role">${w.role}</label><select id="u-role" name="role"><option value="examiner">${w.roles.examiner}</option><option value="assessor">${w.roles.assessor}</option><option value="administrator">${w.roles.administrator}</option></select>
<label for="u-password">${w.password}</label><input id="u-password" name="password" type="password" required minlength="${MIN_PASSWORD}" autocomplete="new-password" aria-describedby="u-pw-rules"><small id="u-pw-rules">${w.passwordRules}</small>
<label for="u-password2">${w.passwordRepeat}</label><input id="u-password2" name="password2" type="password" required minlength="${MIN_PASSWORD}" autocomplete="new-password">
<button type="submit">${w.create}</button></form>`,
      });
    }

    app.post('/admin/users', async (req, reply) => {
      if (!requireUser(req, reply, ['administrator'])) return reply;
      const b = (req.body ?? {}) as Body;
      const w = wordsFor(req);
      const role = b.role;
      if (role !== 'examiner' && role !== 'assessor' && role !== 'administrator') return usersPage(req, reply.code(400), { kind: 'error', text: w.badInput });
      const problem = validateNewUser(b, w);
      if (problem) return usersPage(req, reply.code(400), { kind: 'error', text: problem });
      if (db.get('SELECT id FROM users WHERE username = ?', b.username!.trim()))
        return usersPage(req, reply.code(409), { kind: 'error', text: `${w.badInput}: ${b.username}` });
      db.run(
        'INSERT INTO users (username, name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)',
        b.username!.trim(),
        b.name!.trim(),
        role,
        await hashPassword(b.password!),
        new Date().toISOString(),
      );
      req.auditDetail = { username: b.username!.trim(), role };
      return reply.redirect('/admin/users', 303);
    });

    app.post('/admin/users/:uid/disabled', async (req, reply) => {
      if (!requireUser(req, reply, ['administrator'])) return reply;
      const uid = Number((req.params as { uid: string }).uid);
      const disabled = ((req.body ?? {}) as Body).disabled === '1' ? 1 : 0;
      if (uid === req.user!.id) return errorPage(req, reply, 400, wordsFor(req).badInput);
      const u = db.get<UserRow>('SELECT * FROM users WHERE id = ?', uid);
      if (!u) return errorPage(req, reply, 404, wordsFor(req).notFound);
      db.run('UPDATE users SET disabled = ? WHERE id = ?', disabled, uid);
      // A disabled account is signed out everywhere at once.
      if (disabled) db.run("DELETE FROM http_sessions WHERE json_extract(data, '$.userId') = ?", uid);
      req.auditDetail = { username: u.username, disabled: !!disabled };
      return reply.redirect('/admin/users', 303);
    });

    app.get('/admin/audit', async (req, reply) => {
      if (!requireUser(req, reply, ['administrator'])) return reply;
      const w = wordsFor(req);
      const rows = db.all<{ at: string; actor: string; action: string; session_id: number | null; status: number | null; detail: string | null }>(
        'SELECT * FROM audit ORDER BY id DESC LIMIT 500',
      );
      return page(req, reply, {
        title: w.audit,
        nav: [{ href: '/', label: w.dashboard }, { href: '/admin/audit', label: w.audit, current: true }],
        body: auditTable(w, rows),
      });
    });
  };
}

export function auditTable(
  w: ReturnType<typeof wordsFor>,
  rows: { at: string; actor: string; action: string; session_id: number | null; status: number | null; detail: string | null }[],
) {
  return html`<table class="grid audit"><thead><tr><th scope="col">${w.when}</th><th scope="col">${w.actor}</th><th scope="col">${w.action}</th><th scope="col">HTTP</th><th scope="col">detail</th></tr></thead>
<tbody>${rows.map((r) => html`<tr><td>${r.at}</td><td>${r.actor}</td><td><code>${r.action}</code></td><td>${r.status ?? ''}</td><td><code>${r.detail ?? ''}</code></td></tr>`)}</tbody></table>`;
}

function validateNewUser(b: Body, w: ReturnType<typeof wordsFor>): string | undefined {
  const username = String(b.username ?? '').trim();
  if (!/^[A-Za-z0-9._@-]{2,64}$/.test(username) || !String(b.name ?? '').trim()) return w.badInput;
  if (String(b.password ?? '').length < MIN_PASSWORD) return w.passwordTooShort;
  if (b.password !== b.password2) return w.passwordsDiffer;
  return undefined;
}
