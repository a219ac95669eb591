export const homeOf = (role: string) =>
  role === 'advisor' || role === 'admin' ? '/advisor/queue' : role === 'lender' ? '/lender' : role === 'analyst' ? '/analyst' : '/dashboard';
