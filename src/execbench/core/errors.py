"""Errors that are the caller's own mistake: the CLI prints them and exits with status 2."""


class UserError(Exception):
    """A problem with what the user gave us; the message names the file, line and field."""
