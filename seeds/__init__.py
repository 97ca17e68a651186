"""The curated datasets, installed as ``campaign_db.seeds``.

Every campaign is a sub-folder holding a ``document.yaml`` (see README.md in
this folder); ``campaign_db.seeding.default_seed_folders`` lists them.
"""
