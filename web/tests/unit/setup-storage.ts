// Minimal localStorage for the node test environment.
class MemoryStorage {
  private data = new Map<string, string>();
  get length() { return this.data.size; }
  clear() { this.data.clear(); }
  getItem(k: string) { return this.data.has(k) ? this.data.get(k)! : null; }
  setItem(k: string, v: string) { this.data.set(k, String(v)); }
  removeItem(k: string) { this.data.delete(k); }
  key(i: number) { return [...this.data.keys()][i] ?? null; }
}
export function installStorage(): MemoryStorage {
  const s = new MemoryStorage();
  (globalThis as { localStorage?: unknown }).localStorage = s;
  return s;
}
