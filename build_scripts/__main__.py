import sys

from build_scripts.commands import main

sys.exit(main())
