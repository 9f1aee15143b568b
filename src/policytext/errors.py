"""The package's one documented error type.

Everything a user can cause (a missing file, undecodable bytes, an empty
document) is raised as :class:`PolicytextError` with a one-line message; the
command line turns it into that line on stderr and exit code 2.
"""


class PolicytextError(Exception):
    """A problem with the input or the request, explained in one line."""


class InputError(PolicytextError):
    """The input file cannot be read as a text document."""


class PolicytextWarning(UserWarning):
    """The input was read, but not cleanly (mixed encodings, say): the result is degraded, not wrong."""
