"""The frozen app's entry script: the package's own __main__ uses relative imports, which a
script run as __main__ cannot."""

import sys

from zeelandnet_desktop.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
