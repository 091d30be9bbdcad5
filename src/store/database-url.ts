/** The URL with its password replaced by `***`, fit for error messages and logs. */
export function maskDatabaseUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.password !== '') url.password = '***';
    for (const key of ['password', 'sslpassword']) {
      if (url.searchParams.has(key)) url.searchParams.set(key, '***');
    }
    return url.toString();
  } catch {
    // Not parseable: hide anything between "//user:" and "@" by hand.
    return value.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@');
  }
}
