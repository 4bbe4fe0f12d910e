// Region list of the caller's jurisdiction, loaded once and shared by the
// filters, forms, the tree editor and the header (jurisdiction name).
import { defineStore } from 'pinia';
import { api } from '../api';
import type { Region } from '../api/types';

export interface RegionNode extends Region {
  children: RegionNode[];
}

export const CHILD_LEVELS: Record<string, Region['level'][]> = {
  district: ['street'],
  street: ['community', 'village'],
  community: ['grid'],
  village: ['grid'],
  grid: [],
};

/** Builds a forest from the flat list; a node whose parent is absent is a root. */
export function buildTree(items: Region[]): RegionNode[] {
  const byId = new Map<number, RegionNode>();
  for (const r of items) byId.set(r.id, { ...r, children: [] });
  const roots: RegionNode[] = [];
  for (const node of byId.values()) {
    const parent = node.parent_id != null ? byId.get(node.parent_id) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (nodes: RegionNode[]) => {
    nodes.sort((a, b) => (a.code || '').localeCompare(b.code || '') || a.id - b.id);
    nodes.forEach((n) => sort(n.children));
  };
  sort(roots);
  return roots;
}

export const useRegions = defineStore('regions', {
  state: () => ({ items: [] as Region[], loaded: false, loading: null as Promise<void> | null }),
  getters: {
    communities: (s) => s.items.filter((r) => r.level === 'community' || r.level === 'village'),
    tree: (s) => buildTree(s.items),
    byId: (s) => new Map(s.items.map((r) => [r.id, r])),
  },
  actions: {
    async load(force = false) {
      if (this.loaded && !force) return;
      if (this.loading && !force) return this.loading;
      this.loading = api.regions().then((res) => {
        this.items = res.items;
        this.loaded = true;
      }).finally(() => {
        this.loading = null;
      });
      return this.loading;
    },
    gridsOf(communityId: number | null | undefined): Region[] {
      if (!communityId) return this.items.filter((r) => r.level === 'grid');
      return this.items.filter((r) => r.level === 'grid' && r.parent_id === communityId);
    },
    reset() {
      this.items = [];
      this.loaded = false;
    },
  },
});
