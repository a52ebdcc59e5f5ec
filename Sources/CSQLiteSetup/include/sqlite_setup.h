#ifndef EVIDENCE_SQLITE_SETUP_H
#define EVIDENCE_SQLITE_SETUP_H

/// Turns off SQLite's memory statistics (SQLITE_CONFIG_MEMSTATUS) for the process; returns SQLite's result code.
///
/// sqlite3_config() is variadic, so Swift cannot call it: this is the one C function the store needs for it. It
/// must run before SQLite initialises (before the first connection opens); afterwards SQLite refuses it with
/// SQLITE_MISUSE and nothing changes.
int evidence_sqlite_disable_memory_statistics(void);

#endif
