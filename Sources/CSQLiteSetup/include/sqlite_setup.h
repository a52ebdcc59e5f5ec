#ifndef EVIDENCE_SQLITE_SETUP_H
#define EVIDENCE_SQLITE_SETUP_H

/// Sets SQLite's process-wide configuration for evidence: memory statistics off (SQLITE_CONFIG_MEMSTATUS) and
/// statement journals kept in memory up to 1 MiB (SQLITE_CONFIG_STMTJRNL_SPILL); returns SQLite's result code.
///
/// sqlite3_config() is variadic, so Swift cannot call it: this is the one C function the store needs for it. It
/// must run before SQLite initialises (before the first connection opens); afterwards SQLite refuses it with
/// SQLITE_MISUSE and nothing changes.
int evidence_sqlite_configure(void);

#endif
