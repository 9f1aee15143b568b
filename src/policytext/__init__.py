"""policytext: take a Chinese policy speech apart, every number traceable to a span of the source."""

from .document import Document, from_text, load
from .errors import InputError, PolicytextError

__all__ = ["Document", "InputError", "PolicytextError", "from_text", "load"]
__version__ = "0.1.0"
