#include "sqlite_setup.h"
#include <sqlite3.h>

/* SQLite C interface, "Configuration Options": with SQLITE_CONFIG_MEMSTATUS on (the default of Debian's build),
 * every sqlite3_malloc and sqlite3_free takes a process-wide mutex to keep the statistics. An import runs two
 * connections on two threads (the store's, and the one that builds the full-text index), and that mutex, passed
 * between the two cores at each allocation, cost 8-10% of an import's wall time (Benchmarks/perf.md, session 4).
 * Nothing in evidence reads the statistics or sets a soft heap limit, which needs them. */
int evidence_sqlite_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
