import sys

from relais.publish.cli import main

sys.exit(main())
