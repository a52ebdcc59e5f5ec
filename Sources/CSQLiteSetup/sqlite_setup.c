#include "sqlite_setup.h"
#include <sqlite3.h>

/* SQLite C interface, "Configuration Options". */
int evidence_sqlite_configure(void) {
    /* SQLITE_CONFIG_MEMSTATUS: with the statistics on (the default of Debian's build), every sqlite3_malloc and
     * sqlite3_free takes a process-wide mutex to keep them. An import runs two connections on two threads (the
     * store's, and the one that builds the full-text index), and that mutex, passed between the two cores at each
     * allocation, cost 8-10% of an import's wall time (Benchmarks/perf.md, session 4). Nothing in evidence reads the
     * statistics or sets a soft heap limit, which needs them. */
    int memoryStatistics = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    /* SQLITE_CONFIG_STMTJRNL_SPILL: a statement that may have to be undone alone (one that writes several rows and
     * may fail a constraint, such as the import's 64-row provenance inserts) first copies each page it changes into
     * a statement journal, which SQLite keeps in memory only up to 64 KiB by default: four of the store's 16 KiB
     * pages. Beyond that it goes to a temporary file in /var/tmp, a write system call a page. 1 MiB keeps every
     * statement evidence runs in memory; the journal is freed when its statement ends. */
    int statementJournal = sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, 1024 * 1024);
    return memoryStatistics != SQLITE_OK ? memoryStatistics : statementJournal;
}
