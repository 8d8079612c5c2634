"""Apple configuration profiles (``.mobileconfig``) for the hoster's mail, made from the data file.

:mod:`.mobileconfig` builds the property list (pure: data in, dict and bytes out);
:mod:`.account` checks the address and display name a reader types; :mod:`.report`
puts both together for the CLI and the browser widget (catalog domain ``profile``,
codes in :mod:`.codes`). The site publishes the address-less profile at build time
with the same code (sitebuild/client_files.py).
"""

from mailcheck.profile.mobileconfig import Account, build_profile, filename, to_plist
from mailcheck.profile.report import report

__all__ = ["Account", "build_profile", "filename", "report", "to_plist"]
