// Linked into test binaries that render PDFs. LeakSanitizer (the test build uses ASan) reads these
// at exit. Both leaks are inside the libraries, not our code: cairo 1.16 loses 768 bytes per CFF
// font (all Noto CJK faces) per PDF while subsetting fonts in cairo_surface_finish (reproduced with
// a plain C program; upstream cairo bug), and fontconfig's caches, owned by pango's font maps and
// cairo's font-face cache, are still alive at exit. A cairo or pango object we forgot to free is
// allocated under cairo_create, pango_layout_new etc. and is still reported.
// The suppression can name cairo_surface_finish only if stacks are unwound through libcairo, which
// is built without frame pointers; the slow unwinder makes these binaries about three times slower.
extern "C" const char* __asan_default_options() { return "fast_unwind_on_malloc=0"; }
extern "C" const char* __lsan_default_suppressions() {
  return "leak:cairo_surface_finish\n"
         "leak:libfontconfig.so\n";
}
