// Declarations only (see include/CFuzzerDriver.h); libFuzzer itself comes from -sanitize=fuzzer.
#include "CFuzzerDriver.h"
