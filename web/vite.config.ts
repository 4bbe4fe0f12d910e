import { defineConfig, type Plugin } from 'vite';
import vue from '@vitejs/plugin-vue';
import { gzipSync } from 'node:zlib';

// Emits a .gz copy next to every compressible asset so that `anjian serve`
// can send precompressed files (no extra dependency needed).
function precompress(): Plugin {
  return {
    name: 'anjian-precompress',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const [fileName, item] of Object.entries(bundle)) {
        if (!/\.(js|css|svg|json|html)$/.test(fileName)) continue;
        const source = item.type === 'chunk' ? item.code : item.source;
        const buffer = typeof source === 'string' ? Buffer.from(source) : Buffer.from(source);
        if (buffer.length < 1024) continue;
        this.emitFile({
          type: 'asset',
          fileName: `${fileName}.gz`,
          source: gzipSync(buffer, { level: 9 }),
        });
      }
    },
  };
}

function vendorChunk(id: string): string | undefined {
  if (!id.includes('node_modules')) return undefined;
  if (id.includes('/echarts/') || id.includes('/zrender/')) return 'echarts';
  if (id.includes('/element-plus/') || id.includes('/@element-plus/') || id.includes('/@floating-ui/') ||
      id.includes('/@vueuse/') || id.includes('/lodash') || id.includes('/dayjs/') ||
      id.includes('/async-validator/') || id.includes('/@ctrl/') || id.includes('/normalize-wheel')) {
    return 'element';
  }
  if (id.includes('/vue-i18n/') || id.includes('/@intlify/')) return 'i18n';
  return 'vue';
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
