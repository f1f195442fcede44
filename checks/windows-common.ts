// Helpers shared by checks/windows-*.ts: fact requests and account-name matching (DOMAIN\name,
// BUILTIN\…, bare names all compare on the name part unless the exam gives a domain).
export { fail, list, pass, req } from '../drivers/linux/check-util.js';

export const sameAccount = (want: string, got: string) => {
  const w = want.toLowerCase();
  const g = got.toLowerCase();
  return w.includes('\\') ? w === g : g.split('\\').pop() === w;
};
export const ieq = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
