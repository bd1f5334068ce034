#include <sqlite3.h>

/* sqlite3_config is variadic, which Swift cannot call: this turns off the
   memory statistics (SQLITE_CONFIG_MEMSTATUS) through a fixed signature.
   It must run before SQLite initialises; afterwards it returns
   SQLITE_MISUSE and changes nothing. */
static inline int orgsqlite_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
