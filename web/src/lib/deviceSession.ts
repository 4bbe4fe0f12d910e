// What the device keeps for the signed-in user and must forget when the session ends
// (logout, or a 401 on a session that was signed in): a tiny registry, so that the
// session store need not import the inspection code (kept out of the first bundle).
//
// `active` gates draft writes: after the session ends no draft is written any more,
// not even the one a closing inspection form saves on its way out.

type Hook = () => void | Promise<void>;

const hooks = new Set<Hook>();
let active = false;

export const deviceSession = {
  /** Whether a user is signed in on this device (drafts may be written). */
  get active(): boolean {
    return active;
  },
  begin(): void {
    active = true;
  },
  /** Registers a clean-up run at every session end; returns its removal. */
  onEnd(hook: Hook): () => void {
    hooks.add(hook);
    return () => hooks.delete(hook);
  },
  /** Stops draft writes and runs every clean-up (errors are swallowed: each clean-up is best effort). */
  async end(): Promise<void> {
    active = false;
    await Promise.all([...hooks].map(async (h) => {
      try {
        await h();
      } catch {
        /* best effort */
      }
    }));
  },
};
