export const homeOf = (role: string) =>
  role === 'advisor' || role === 'admin' ? '/advisor/queue' : role === 'lender' ? '/lender' : '/dashboard';
