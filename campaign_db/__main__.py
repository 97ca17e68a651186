"""``python -m campaign_db`` is ``campaign-db``."""

import sys

from .cli import main

sys.exit(main())
