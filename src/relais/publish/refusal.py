class Refused(Exception):
    """Publishing stopped before the remote was touched. The message says what to fix."""
