/** Placeholder until the `check` command lands (helper H3 replaces this file). */
export async function runCheck(_args: string[]): Promise<number> {
  process.stderr.write('coding-review check: not implemented yet\n');
  return 2;
}
