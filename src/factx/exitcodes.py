"""Named exit codes (documented in the README)."""
from enum import IntEnum


class ExitStatus(IntEnum):
    OK = 0
    ERROR = 1  # something failed: some articles could not be extracted, a corrupt store, ...
    USAGE = 2  # bad arguments: a missing path, an invalid date, an unknown option
    NOT_FOUND = 3  # a query matched nothing (unknown article or person)
    AMBIGUOUS = 4  # a name matched several people; the candidates are listed
    STORE_BUSY = 5  # another `factx extract` holds the store's lock
    INCOMPATIBLE_STORE = 6  # the store was written by another schema version
    INTERRUPTED = 130  # Ctrl-C / SIGTERM; the store stays consistent and the next run resumes
