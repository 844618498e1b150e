/* The replay driver for builds without libFuzzer (-Dfuzzing=false, any
 * compiler): `fuzz_parse DIR...` runs LLVMFuzzerTestOneInput once on every
 * file in each DIR, one cmocka test per directory, and says how many inputs
 * it replayed. Files whose names start with '.' are skipped (so a directory
 * can be kept in git with a .keep file). A failed oracle aborts and names the
 * input (fuzz_common.h). */
#define _POSIX_C_SOURCE 200809L /* opendir, stat */

#include "fuzz_common.h"

#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <sys/stat.h>

#include <cmocka.h>

const char *fuzz_current_input = NULL;

static size_t total_replayed;

/* The whole file in an exact-size heap buffer (LLVMFuzzerTestOneInput makes
 * its own copy too, but the harness must never see more than size bytes). */
static uint8_t *read_file(const char *path, size_t *size) {
  FILE *f = fopen(path, "rb");
  uint8_t *buf;
  long n;
  assert_non_null(f);
  assert_int_equal(fseek(f, 0, SEEK_END), 0);
  n = ftell(f);
  assert_true(n >= 0);
  assert_int_equal(fseek(f, 0, SEEK_SET), 0);
  buf = malloc(n ? (size_t)n : 1);
  assert_non_null(buf);
  assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
  fclose(f);
  *size = (size_t)n;
  return buf;
}

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void replay_dir(void **state) {
  const char *dir = *state;
  DIR *d = opendir(dir);
  struct dirent *e;
  char **names = NULL;
  size_t n = 0, cap = 0, i, replayed = 0;

  assert_non_null(d);
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.') continue;
    if (n == cap) {
      cap = cap ? 2 * cap : 64;
      names = realloc(names, cap * sizeof *names);
      assert_non_null(names);
    }
    names[n] = malloc(strlen(dir) + strlen(e->d_name) + 2);
    assert_non_null(names[n]);
    sprintf(names[n], "%s/%s", dir, e->d_name);
    n++;
  }
  closedir(d);
  if (n) qsort(names, n, sizeof *names, by_name);

  for (i = 0; i < n; i++) {
    struct stat st;
    uint8_t *data;
    size_t size;
    assert_int_equal(stat(names[i], &st), 0);
    if (!S_ISREG(st.st_mode)) continue;
    data = read_file(names[i], &size);
    fuzz_current_input = names[i];
    assert_int_equal(LLVMFuzzerTestOneInput(data, size), 0);
    fuzz_current_input = NULL;
    free(data);
    replayed++;
  }
  for (i = 0; i < n; i++) free(names[i]);
  free(names);
  print_message("replayed %zu inputs from %s\n", replayed, dir);
  total_replayed += replayed;
}

int main(int argc, char **argv) {
  int i, rc;
  /* One test per directory; a variable-length array keeps the group's size
   * known to cmocka_run_group_tests. */
  struct CMUnitTest tests[argc > 1 ? argc - 1 : 1];
  if (argc < 2) {
    fprintf(stderr, "usage: %s DIR...\n", argv[0]);
    return 2;
  }
  for (i = 1; i < argc; i++) {
    struct CMUnitTest t = {argv[i], replay_dir, NULL, NULL, argv[i]};
    tests[i - 1] = t;
  }
  rc = cmocka_run_group_tests(tests, NULL, NULL);
  printf("replayed %zu inputs in all\n", total_replayed);
  return rc;
}
