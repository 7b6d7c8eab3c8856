// libFuzzer's driver, called from the harness's own main (SwiftPM gives every executable a
// main of its own, so libFuzzer's cannot be used).
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
