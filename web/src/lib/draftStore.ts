// Drafts kept on the device until the server confirms them (offline and slow
// networks): a small key-value port with IndexedDB, localStorage and memory
// back ends, and a typed store that serialises drafts as JSON with a format
// number so a draft written by an older version of the app is dropped rather
// than misread.

export interface KvBackend {
  readonly name: string;
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
  keys(): Promise<string[]>;
}

export function memoryBackend(): KvBackend {
  const map = new Map<string, string>();
  return {
    name: 'memory',
    get: async (k) => map.get(k),
    set: async (k, v) => void map.set(k, v),
    delete: async (k) => void map.delete(k),
    keys: async () => [...map.keys()],
  };
}

/** localStorage (about 5 MB): enough for drafts without photos. */
export function localStorageBackend(storage: Storage, prefix = 'anjian.kv.'): KvBackend {
  return {
    name: 'localStorage',
    get: async (k) => storage.getItem(prefix + k) ?? undefined,
    set: async (k, v) => storage.setItem(prefix + k, v),
    delete: async (k) => storage.removeItem(prefix + k),
    keys: async () => {
      const out: string[] = [];
      for (let i = 0; i < storage.length; i++) {
        const k = storage.key(i);
        if (k?.startsWith(prefix)) out.push(k.slice(prefix.length));
      }
      return out;
    },
  };
}

function promisify<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** IndexedDB (photos as data URLs fit here); one object store of strings. */
export function indexedDbBackend(factory: IDBFactory, dbName = 'anjian', storeName = 'drafts'): KvBackend {
  let dbPromise: Promise<IDBDatabase> | null = null;
  const db = () => {
    dbPromise ??= new Promise<IDBDatabase>((resolve, reject) => {
      const req = factory.open(dbName, 1);
      req.onupgradeneeded = () => {
        if (!req.result.objectStoreNames.contains(storeName)) req.result.createObjectStore(storeName);
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
      req.onblocked = () => reject(new Error('IndexedDB blocked'));
    });
    return dbPromise;
  };
  const store = async (mode: IDBTransactionMode) => (await db()).transaction(storeName, mode).objectStore(storeName);
  const write = async (fn: (s: IDBObjectStore) => IDBRequest) => {
    const s = await store('readwrite');
    await promisify(fn(s));
    await new Promise<void>((resolve, reject) => {
      s.transaction.oncomplete = () => resolve();
      s.transaction.onerror = () => reject(s.transaction.error);
      s.transaction.onabort = () => reject(s.transaction.error ?? new Error('IndexedDB write aborted'));
    });
  };
  return {
    name: 'indexedDB',
    get: async (k) => {
      const v = await promisify((await store('readonly')).get(k));
      return typeof v === 'string' ? v : undefined;
    },
    set: (k, v) => write((s) => s.put(v, k)),
    delete: (k) => write((s) => s.delete(k)),
    keys: async () => (await promisify((await store('readonly')).getAllKeys())).map(String),
  };
}

/** IndexedDB where the browser has it, else localStorage, else memory. */
export function defaultBackend(): KvBackend {
  const g = globalThis as { indexedDB?: IDBFactory; localStorage?: Storage };
  if (g.indexedDB) return indexedDbBackend(g.indexedDB);
  if (g.localStorage) return localStorageBackend(g.localStorage);
  return memoryBackend();
}

interface Envelope<T> {
  format: number;
  savedAt: number;
  draft: T;
}

export function serialiseDraft<T>(draft: T, format: number, savedAt = Date.now()): string {
  const env: Envelope<T> = { format, savedAt, draft };
  return JSON.stringify(env);
}

/** The draft of a stored string; null when it is unreadable or of another format. */
export function parseDraft<T>(text: string | undefined | null, format: number): T | null {
  if (!text) return null;
  try {
    const env = JSON.parse(text) as Partial<Envelope<T>>;
    if (!env || env.format !== format || env.draft === undefined || env.draft === null) return null;
    return env.draft;
  } catch {
    return null;
  }
}

export class DraftStore<T> {
  private readonly backend: KvBackend;
  private readonly namespace: string;
  private readonly format: number;
  /** whether saves are written now (false once the session ended: nothing lands after a wipe) */
  private readonly writable: () => boolean;
  /** writes of one key run one after the other, so an older state never lands after a newer one */
  private readonly queues = new Map<string, Promise<void>>();

  constructor(backend: KvBackend, namespace: string, format: number, writable: () => boolean = () => true) {
    this.backend = backend;
    this.namespace = namespace;
    this.format = format;
    this.writable = writable;
  }

  /** The back end's name: indexedDB, localStorage or memory. */
  get backendName(): string {
    return this.backend.name;
  }

  private key(id: string | number): string {
    return `${this.namespace}:${id}`;
  }

  async load(id: string | number): Promise<T | null> {
    await this.queues.get(this.key(id));
    return parseDraft<T>(await this.backend.get(this.key(id)), this.format);
  }

  save(id: string | number, draft: T): Promise<void> {
    if (!this.writable()) return Promise.resolve();
    const key = this.key(id);
    // serialised now: later edits of the object do not change what this call writes
    const text = serialiseDraft(draft, this.format);
    const prev = this.queues.get(key) ?? Promise.resolve();
    const next = prev.catch(() => {}).then(() => this.backend.set(key, text));
    this.queues.set(key, next);
    void next.finally(() => {
      if (this.queues.get(key) === next) this.queues.delete(key);
    }).catch(() => {});
    return next;
  }

  async remove(id: string | number): Promise<void> {
    const key = this.key(id);
    await this.queues.get(key)?.catch(() => {});
    await this.backend.delete(key);
  }

  /**
   * Removes every draft of this namespace (photos and signatures included) once the writes
   * already queued have landed; returns how many were removed.
   */
  async clear(): Promise<number> {
    await Promise.all([...this.queues.values()].map((p) => p.catch(() => {})));
    const ids = await this.ids();
    for (const id of ids) await this.backend.delete(this.key(id));
    return ids.length;
  }

  /** Ids of the stored drafts of this namespace. */
  async ids(): Promise<string[]> {
    const prefix = `${this.namespace}:`;
    return (await this.backend.keys()).filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
  }
}
