"""tlsdoctor: why a TLS/SSL handshake fails, who must fix it, and exactly how."""

from .diagnosis.causes import Cause, Party, Severity
from .diagnosis.finding import Finding, FixStep

__version__ = "0.1.0"
__all__ = ["Cause", "Finding", "FixStep", "Party", "Severity", "__version__"]
