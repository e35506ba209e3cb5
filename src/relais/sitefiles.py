"""Which files of a checkout are the team's site and which are the kit's.

`make new` writes the team's files; `make upgrade` replaces only the kit's. The kit
never ships a change to a team's file, so an upgrade has nothing to merge.
"""

SITE_FILES = ["content", "pelicanconf.py", "publishconf.py", "site-theme", "retired-urls.txt"]
# The kit commit and version the site is on: "<commit> <version>", written by make new
# and make upgrade.
KIT_RECORD = ".relais-kit"
