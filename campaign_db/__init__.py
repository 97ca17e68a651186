"""campaign-db: claims made during an armed conflict, and the views that infer
control of every place as of any date."""

__version__ = "0.1.0"
