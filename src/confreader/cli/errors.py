"""Exit codes shared by the commands: 0 all loaded, 1 some failed, 2 all failed."""


def report_failures(failed: int, total: int) -> int:
    if total == 0 or failed == total:
        return 2
    return 1 if failed else 0
