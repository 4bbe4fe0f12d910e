import { defineConfig, type Plugin } from 'vite';
import vue from '@vitejs/plugin-vue';
import { gzipSync } from 'node:zlib';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

// Writes a .gz copy next to every compressible file once the bundle is on disk
// (after Vite has finalised chunk code), so that `anjian serve` can send
// precompressed files. No extra dependency needed.
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'anjian-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    writeBundle(_options, bundle) {
      for (const fileName of Object.keys(bundle)) {
        if (!/\.(js|css|svg|json|html)$/.test(fileName)) continue;
        const path = join(outDir, fileName);
        const data = readFileSync(path);
        if (data.length < 1024) continue;
        writeFileSync(`${path}.gz`, gzipSync(data, { level: 9 }));
      }
    },
  };
}

// Framework code shared by every route goes into stable vendor chunks; Element
// Plus components are left to Rollup so each view only pulls what it uses.
function vendorChunk(id: string): string | undefined {
  if (!id.includes('node_modules')) return undefined;
  if (id.includes('/echarts/') || id.includes('/zrender/')) return 'echarts';
  if (id.includes('/vue-i18n/') || id.includes('/@intlify/')) return 'i18n';
  if (/\/node_modules\/(@vue|vue|vue-router|pinia)\//.test(id)) return 'vue';
  return undefined;
}

export default defineConfig({
  plugins: [vue(), precompress()],
  define: {
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
    __VUE_PROD_DEVTOOLS__: false,
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: false,
  },
  build: {
    target: 'es2020',
    chunkSizeWarningLimit: 900,
    reportCompressedSize: false,
    rollupOptions: {
      output: { manualChunks: vendorChunk },
    },
  },
  server: {
    proxy: { '/api': process.env.ANJIAN_API ?? 'http://127.0.0.1:8080' },
  },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
  },
});
